"""Country benchmarks: published indices (UN E-Government Survey, Open Data Barometer, Global
Open Data Index, OECD OURdata, EU Open Data Maturity), Agora's open-data readiness
self-assessment, and indicators the portal measures on its own catalogue.

Layout: `frameworks/` (the methodologies as versioned data), `scoring/` and `tables/` (pure
functions, no Django), `models/`, `services/` (the only write path), `selectors/` (reads,
visibility first), `permissions.py`, `tasks.py`, `linkcheck.py` (pluggable link checkers).
"""
