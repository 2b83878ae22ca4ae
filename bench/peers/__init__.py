"""The systems `bench/api.py` compares: Agora itself and CKAN 2.12 (installed on the fly)."""
