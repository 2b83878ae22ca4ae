"""Controlled vocabularies (codes, URIs, labels, with their sources), as plain data.

They live in interop because they are mapping knowledge: DCAT, data.json and CKAN all speak
them. The catalogue loads the ones it keeps as tables (countries, themes, licences, languages)
after every migration (agora/catalog/vocabulary_sync.py).
"""
