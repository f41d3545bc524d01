"""Exports: JSON lines, tables (pandas, Parquet, DuckDB) and an HTML view."""
