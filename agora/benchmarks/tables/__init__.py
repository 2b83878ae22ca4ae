"""Pure reading and writing of benchmark tables: the UN Data Center export, raw indicator
tables, country-name resolution, import reports and CSV output. No Django: the import
service (agora/benchmarks/services/imports.py) calls these and writes the result in one
transaction, so a file with any error changes nothing.
"""
