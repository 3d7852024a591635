"""The search: derived from the store, rebuildable from it at any time. The engine interface
the instance holds (engine.py) and the plain types it speaks (search.py), the query language
and the query tree it reads a text into, search arguments and facets are every engine's;
each engine lives in a subpackage (whoosh/, the embedded one)."""
