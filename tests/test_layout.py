"""The layout of the package: a kernel at the root, task folders, and imports pointing one way.

The folders name what the Maison does (README, "Development"); these rules keep them telling it:
the root holds only the kernel, no two packages import each other (even through others),
Whoosh stays behind the search engine interface, SQL is written in the store alone, and
nothing in `veille` needs Flask.
"""

import ast
from pathlib import Path

from tests.conftest import ROOT

VEILLE = ROOT / "veille"
KERNEL_AT_MOST = 12
# What code outside the store may take from SQLAlchemy and the schema: the types that pass a
# connection along, the database's error, the store's clock. Queries are the store's.
BESIDE_THE_STORE = {"sqlalchemy", "sqlalchemy.Connection", "sqlalchemy.Engine", "sqlalchemy.exc",
                    "sqlalchemy.exc.SQLAlchemyError", "veille.store.schema",
                    "veille.store.schema.utcnow"}


def _imports(path: Path) -> set[str]:
    """The absolute names of the modules `path` imports (and of the names it imports from
    them, which may be modules too)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    package = parts[:-1] if parts[-1] != "__init__" else parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _room(module: str) -> str | None:
    """The room of veille a module belongs to: its package below `veille`, or the kernel
    module itself."""
    parts = module.split(".")
    if parts[0] != "veille" or len(parts) < 2:
        return None
    if (VEILLE / parts[1]).is_dir() or (VEILLE / f"{parts[1]}.py").is_file():
        return f"veille.{parts[1]}"
    return None


def _room_of_file(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return f"veille.{parts[1]}"


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in VEILLE.rglob("*.py"):
        room = _room_of_file(path)
        targets = {_room(name) for name in _imports(path)} - {None, room}
        edges.setdefault(room, set()).update(targets)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """A cycle of rooms, if there is one (depth-first search)."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(room: str) -> list[str]:
        state[room], _ = "open", trail.append(room)
        for other in sorted(edges.get(room, ())):
            if state.get(other) == "open":
                return trail[trail.index(other):] + [other]
            if other not in state and (found := visit(other)):
                return found
        state[room], _ = "done", trail.pop()
        return []

    for room in sorted(edges):
        if room not in state and (found := visit(room)):
            return found
    return []


def test_the_root_holds_only_the_kernel():
    modules = sorted(path.name for path in VEILLE.glob("*.py"))
    assert len(modules) <= KERNEL_AT_MOST, modules


def test_no_two_rooms_import_each_other():
    assert _cycle(_graph()) == []


def test_whoosh_is_imported_only_by_the_whoosh_engine():
    """Behind the search engine interface (veille.index.engine): the rest of veille.index,
    the query language and its tree, is every engine's."""
    outside = [
        path.relative_to(ROOT).as_posix()
        for path in VEILLE.rglob("*.py")
        if path.relative_to(VEILLE).parts[:2] != ("index", "whoosh")
        and any(name.split(".")[0] == "whoosh" for name in _imports(path))
    ]
    assert outside == []


def test_sql_is_written_in_the_store_alone():
    """The store's SQL, and the PostgreSQL search engine's own tables (as Whoosh's files)."""
    outside = [
        f"{path.relative_to(ROOT).as_posix()}: {name}"
        for path in sorted([*VEILLE.rglob("*.py"), *ROOT.joinpath("webui").rglob("*.py")])
        if path.relative_to(ROOT).parts[:2] != ("veille", "store")
        and path.relative_to(ROOT).parts[:3] != ("veille", "index", "postgres")
        for name in sorted(_imports(path))
        if name.split(".")[0] == "sqlalchemy" or name.startswith("veille.store.schema")
        if name not in BESIDE_THE_STORE
    ]
    assert outside == []


def test_only_the_instance_names_the_whoosh_engine():
    """Views, commands, alerts and trends reach the engine through `instance.index`."""
    naming = [
        path.relative_to(ROOT).as_posix()
        for path in [*VEILLE.rglob("*.py"), *ROOT.joinpath("webui").rglob("*.py")]
        if path.relative_to(ROOT).parts[:3] != ("veille", "index", "whoosh")
        and any(name.startswith("veille.index.whoosh") for name in _imports(path))
    ]
    assert naming == ["veille/instance.py"]


def test_nothing_in_veille_imports_flask():
    flask = [
        path.relative_to(ROOT).as_posix()
        for path in VEILLE.rglob("*.py")
        if any(name.split(".")[0] in ("flask", "flask_login", "flask_wtf", "flask_babel")
               for name in _imports(path))
    ]
    assert flask == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}}) == []
