"""The PostgreSQL search engine: full-text tables beside the store, searched in SQL."""
