"""The import graph, read from the source with ``ast``: layers point one way (front doors → facade → domain →
index/retrieval → statutes and citations), and no modules import each other in a loop when they are loaded."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGES = ("assistant", "ingest", "evals")
FRONT_DOORS = ("assistant.facade", "assistant.api", "assistant.ui", "assistant.cli")
# Everything the facade stands on: none of it may reach back up to the facade or a front door.
BELOW_THE_FACADE = ("assistant.facts", "assistant.answering", "assistant.calculators", "assistant.drafting",
                    "assistant.cases", "assistant.guides", "assistant.retrieval", "assistant.index",
                    "assistant.statutes", "assistant.citations", "assistant.verification", "assistant.serialize",
                    "assistant.access")
# The index stands on statutes and citations alone; it owns the tokenizer, which retrieval borrows (a build's tokens
# are the query's tokens). ``ingest/`` hands files over to it and nothing in the domain reaches into ``ingest/``.
INDEX = "assistant.index"
INDEX_MAY_USE = ("assistant.index", "assistant.statutes", "assistant.citations", "assistant.numerals",
                 "assistant.config", "assistant.errors")
# ``from assistant import Assistant`` reaches the facade through the package's face.
FACADE_NAMES = {"Assistant"}
# Known today, to be moved up a layer by their owners (each a function-level import, not a load-time cycle): none.
KNOWN: set[str] = set()


def _front_door(module: str) -> bool:
    """A command line that lives with its module (``labor calc`` …) is a front door like ``assistant.cli``."""
    return module.rsplit(".", 1)[-1] == "cli"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _resolve(module: str, level: int, current: str, is_package: bool) -> str:
    if not level:
        return module
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _in_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path, *, module_level: bool) -> set[str]:
    """The project modules ``name`` imports: at load time only (``module_level``), or anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    nodes: list[ast.AST] = []
    if module_level:
        todo = list(tree.body)
        while todo:
            node = todo.pop()
            if isinstance(node, ast.If) and _in_type_checking(node):
                continue
            if isinstance(node, (ast.If, ast.Try)):
                todo += node.body + node.orelse + getattr(node, "handlers", []) + getattr(node, "finalbody", [])
            elif isinstance(node, ast.ExceptHandler):
                todo += node.body
            else:
                nodes.append(node)
    else:
        nodes = list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node.module or "", node.level, name, is_package)
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
                if target == "assistant" and alias.name in FACADE_NAMES:
                    found.add("assistant.facade")
    return {m for m in found if m in MODULES and m != name}


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_is_read_from_the_real_tree():
    assert {"assistant.facade", "assistant.config", "ingest.pipeline", "evals.cli"} <= set(MODULES)
    assert "assistant.config" in _imports("assistant.facade", MODULES["assistant.facade"], module_level=True)


def test_no_module_below_the_facade_imports_the_facade_or_a_front_door():
    wrong = sorted(f"{name} -> {target}" for name, path in MODULES.items()
                   if _under(name, BELOW_THE_FACADE) and not _front_door(name)
                   for target in _imports(name, path, module_level=False) if _under(target, FRONT_DOORS))
    assert set(wrong) >= KNOWN, f"fixed, drop from KNOWN: {sorted(KNOWN - set(wrong))}"
    wrong = [w for w in wrong if w not in KNOWN]
    assert not wrong, "layers point one way (front doors → facade → domain):\n" + "\n".join(wrong)


# The web page stands beside the API, not on it: what both doors need (JSON for the facade's results, an ingest's
# report for the uploader, the identity, access and rate check) lives below them.
def test_the_web_page_does_not_import_the_api():
    found = sorted(f"{name} -> {target}" for name, path in MODULES.items() if _under(name, ("assistant.ui",))
                   for target in _imports(name, path, module_level=False) if _under(target, ("assistant.api",)))
    assert not found, "the web page reaches into the API:\n" + "\n".join(found)


def test_the_page_and_the_api_share_one_access_check():
    """Both front doors stand on ``assistant.access`` (below the facade, so it cannot reach back up to them)."""
    doors = {name for name, path in MODULES.items() if "assistant.access" in _imports(name, path, module_level=False)}
    assert {"assistant.api.security", "assistant.ui.access", "assistant.ui.tab_desk"} <= doors


def test_no_import_cycle_when_modules_load():
    graph = {name: _imports(name, path, module_level=True) for name, path in MODULES.items()}
    cycles = _cycles(graph)
    assert not cycles, "modules that import each other as they load:\n" + "\n".join(" ↔ ".join(c) for c in cycles)


# Loops through imports made inside functions (deferred, so they load, but the files still lean on each other).
# None is known today: a new loop fails here, and so does an entry whose loop has gone (drop it).
KNOWN_DEFERRED_CYCLES: list[list[str]] = []


def test_no_new_import_cycle_through_deferred_imports():
    graph = {name: _imports(name, path, module_level=False) for name, path in MODULES.items()}
    cycles = _cycles(graph)
    new = [c for c in cycles if not any(set(c) <= set(k) for k in KNOWN_DEFERRED_CYCLES)]
    assert not new, "modules that lean on each other:\n" + "\n".join(" ↔ ".join(c) for c in new)
    gone = [k for k in KNOWN_DEFERRED_CYCLES if not any(set(k) & set(c) and set(c) <= set(k) for c in cycles)]
    assert not gone, "fixed, drop from KNOWN_DEFERRED_CYCLES:\n" + "\n".join(" ↔ ".join(k) for k in gone)


def test_the_index_stands_below_retrieval_and_ingest():
    graph = {name: _imports(name, path, module_level=False) for name, path in MODULES.items()}
    upward = sorted(f"{name} -> {target}" for name, targets in graph.items() if _under(name, (INDEX,))
                    for target in targets if not _under(target, INDEX_MAY_USE))
    assert not upward, "the index imports only what lies below it:\n" + "\n".join(upward)
    into_ingest = sorted(f"{name} -> {target}" for name, targets in graph.items() if _under(name, BELOW_THE_FACADE)
                         for target in targets if _under(target, ("ingest",)))
    assert not into_ingest, "ingest/ hands provisions to the index; the domain never imports it:\n" + "\n".join(
        into_ingest)


def test_settings_are_read_in_one_place():
    """``LABOR_*`` values come from ``assistant.config`` (environment and .env alike), never from os.environ."""
    import re

    raw = re.compile(r"""(os\.environ(\.get)?\s*[\[(]\s*|os\.getenv\(\s*)["']LABOR_""")
    readers = sorted(name for name, path in MODULES.items() if name not in ("assistant.config", "assistant._env")
                     and raw.search(path.read_text(encoding="utf-8")))
    app_py = (ROOT / "app.py").read_text(encoding="utf-8")
    assert not readers and not raw.search(app_py), f"raw LABOR_* reads: {readers}"
