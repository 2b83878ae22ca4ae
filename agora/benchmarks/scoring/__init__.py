"""Pure benchmark scoring: (observations, edition) -> scores, with no ORM and no HTTP.

Everything a framework edition says (indicators, weights, caps, normalisation, groups, rating
classes, rank rule, rounding) is data, parsed into the frozen types of `spec`; the functions
here only apply it. Keeping them pure makes every published figure reproducible in a unit test
and lets the API, the web pages, the CLI and the nightly task share one implementation.
An import-linter contract (pyproject.toml) forbids Django here.
"""
