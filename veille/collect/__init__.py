"""Collecting: the one chain of stages from a source to the store and the index (pipeline),
normalisation, full articles, the scheduler, sources' health, retention, the import's indexer."""
