"""Tabular ingest: a distribution version becomes a validated, queryable Parquet table."""
