"""A new instance: its database at the newest schema, an empty index. The tests' instances are
copies of one made once (tests/conftest.py), and so are the databases of tests/store: they
must be what `create_instance` makes."""

from pathlib import Path

from sqlalchemy import Engine, text

from veille.instance import Instance, create_instance
from veille.settings import load_settings


def database(engine: Engine) -> tuple[list, list]:
    """What a database holds besides rows of data: its tables, indexes and triggers as SQLite
    keeps them, and the revision Alembic wrote."""
    with engine.connect() as conn:
        objects = conn.execute(text("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                    "ORDER BY type, name")).all()
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    return objects, revision


def files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_tests_instances_are_new_instances(tmp_path: Path, instance: Instance):
    made = create_instance(load_settings(env={"VEILLE_INSTANCE": str(tmp_path / "made")}))
    objects, revision = database(made.engine)
    assert objects and revision
    assert database(instance.engine) == (objects, revision)
    assert files(instance.index_dir) == files(made.index_dir)
