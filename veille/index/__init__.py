"""The full-text index: derived from the store, rebuildable from it at any time."""
