"""The official referentials veille tags items with, imported from their own files.

- `rome.py`: France Travail's ROME 4.0 CSV export (métiers, appellations, skills, domaines);
- `geo.py`: INSEE's geography as Etalab's decoupage-administratif JSON;
- `detect.py`: which of them a folder holds, by their files;
- `importing.py`: reading, checking and storing them (one transaction each);
- `download.py`: fetching a release's ZIP from `[referentials] url`.

The taggers read them back with `veille.store.referentials.load_rome` / `load_geo`.
"""

from ..refdata import Commune, Geo, Metier, Rome
from .reading import ReferentialError

__all__ = ["Commune", "Geo", "Metier", "ReferentialError", "Rome"]
