"""The Whoosh search engine (engine.py): Whoosh's files, read with numpy, written from the
store. The only package of veille that imports Whoosh (tests/test_layout.py)."""
