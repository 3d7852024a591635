"""The store: the database that is the source of truth for sources and items."""
