"""The package's shape: no assignment to another package's attributes (MkDocs, Material, Jinja
and the rest are used only through their documented interfaces), and no global mutable state.

Python has no types at this level, so the check is by names: an attribute may be assigned on
`self`/`cls`, or on another object when the attribute is one that a class of ours declares
(a dataclass or model field, or an attribute its methods set on `self`) and the object is not
a module we imported. Patching another package means assigning one of *its* names
(`meta.get_data`, `theme.get_env`, `env.list_templates`, `env.bytecode_cache`), which no class
of ours declares. The one other package whose attributes we set is lxml, whose documented way
to give an XML element its text is to assign `element.text`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
OWN = {"self", "cls"}
XML_CONTENT = {"text", "tail"}  # lxml.etree elements: the documented API for an element's text


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for path in sorted(PACKAGE.rglob("*.py"))}


def declared_attributes(trees: list[ast.Module]) -> set[str]:
    """Every attribute a class of ours declares: annotated fields and `self.X = …`."""
    names: set[str] = set()
    for tree in trees:
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for node in ast.walk(cls):
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    names.add(node.target.id)
                elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                    root = node.value
                    if isinstance(root, ast.Name) and root.id in OWN:
                        names.add(node.attr)
    return names


def _imported_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:  # not our own relative imports
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _root(node: ast.expr) -> ast.expr:
    """The name an attribute chain starts from (a call's result is an object, not its module)."""
    while isinstance(node, ast.Attribute | ast.Subscript):
        node = node.value
    return node


def _stored_attributes(tree: ast.Module) -> Iterator[ast.Attribute]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store | ast.Del):
            yield node


def offences(tree: ast.Module, ours: set[str]) -> Iterator[tuple[int, str]]:
    imported = _imported_names(tree)
    for attribute in _stored_attributes(tree):
        root = _root(attribute)
        name = root.id if isinstance(root, ast.Name) else None
        if name in OWN:
            continue
        if name not in imported and (attribute.attr in ours or attribute.attr in XML_CONTENT):
            continue
        yield attribute.lineno, f"assigns {ast.unparse(attribute)}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                "setattr", "delattr"):
            yield node.lineno, f"calls {node.func.id}()"
        if isinstance(node, ast.Global | ast.Nonlocal):
            yield node.lineno, f"{type(node).__name__.lower()} {', '.join(node.names)}"


def test_no_assignment_to_another_packages_attributes_and_no_globals() -> None:
    trees = _trees()
    ours = declared_attributes(list(trees.values()))
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {what}"
             for path, tree in trees.items() for line, what in offences(tree, ours)]
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_looks_for() -> None:
    """Each forbidden shape is found; our own attributes are not. The patches below are the ones
    generator/engine.py made before it used MkDocs' plugin events."""
    source = (
        "import mkdocs.utils.meta as meta\n"
        "from mkdocs.utils import meta as again\n"
        "meta.get_data = lambda doc: doc\n"             # 3: another module's function
        "again.status = 1\n"                            # 4: a module, even with one of our names
        "def quicker(theme, session):\n"
        "    theme.get_env = get_env\n"                 # 6: an object another package made
        "    env = theme.get_env()\n"
        "    env.bytecode_cache = session.bytecode\n"   # 8
        "    env.list_templates = listed\n"             # 9
        "    setattr(theme, 'dirs', [])\n"              # 10
        "    global SESSION\n"                          # 11
        "    pn.status = 'open'\n"                      # ours: PublicNotice.status
        "    element.text = 'x'\n"                      # lxml's documented API
        "class A:\n"
        "    status: str\n"
        "    def __init__(self):\n"
        "        self.parts = []\n"
    )
    tree = ast.parse(source)
    found = sorted(line for line, _ in offences(tree, declared_attributes([tree])))
    assert found == [3, 4, 6, 8, 9, 10, 11], list(offences(tree, declared_attributes([tree])))


# --- arrows point down: no module of the package imports, even indirectly, one that imports it


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, tree: ast.Module, known: set[str]) -> set[str]:
    """The package's modules that `path` imports (`from . import x` of a module counts as x)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _run_time_nodes(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            found |= {f"{target}.{alias.name}" for alias in node.names} & known or (
                {target} & known)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names} & known
    return found - {name}


def _run_time_nodes(tree: ast.Module) -> Iterator[ast.AST]:
    """Every node but those under `if TYPE_CHECKING:` (names for annotations, not imports: the
    checks take a Dataset without importing the module that loads it)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_no_module_imports_back_up() -> None:
    trees = _trees()
    known = {_module_name(path) for path in trees}
    graph = {_module_name(path): imports_of(path, tree, known)
             for path, tree in trees.items() if path.name != "__init__.py"}
    assert graph["generator.commands.build"] >= {"generator.engine", "generator.search"}
    # import: the command over importing/, which reuses new's writer and the dataset's loader
    # (whose checks run over the data folder with the staged files in place)
    assert graph["generator.commands.import_"] >= {"generator.importing.run"}
    assert graph["generator.importing.run"] >= {"generator.dataset", "generator.importing.ocds",
                                                "generator.importing.workbook"}
    assert not any(target.startswith("generator.importing") for module, targets in graph.items()
                   if not module.startswith(("generator.importing", "generator.commands.import_"))
                   for target in targets)
    assert not cycles(graph), cycles(graph)


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


# What the publication log's modules may import of the package (issue #16): the log library
# is pure (no notices, configuration or words), and `verify` stands on it, the configuration
# and the words.
ALLOWED_IMPORTS = {
    "generator.tlog": {"generator.tlog"},
    "generator.commands.verify": {"generator.tlog", "generator.config", "generator.words", "generator.errors"},
}


def test_the_log_library_and_verify_import_only_what_they_may() -> None:
    trees = _trees()
    known = {_module_name(path) for path in trees}
    for path, tree in trees.items():
        name = _module_name(path)
        for owner, allowed in ALLOWED_IMPORTS.items():
            if name == owner or name.startswith(owner + "."):
                outside = {m for m in imports_of(path, tree, known)
                           if not any(m == a or m.startswith(a + ".") for a in allowed)}
                assert not outside, f"{name} imports {sorted(outside)}"
