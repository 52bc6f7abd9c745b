"""The architecture holds: pure logic imports without Django, apps import only the apps below
them with no cycle, every app is in the import-linter contracts, and views, APIs and commands
reach another app only through its selectors, and public service functions are typed and
keyword-only."""

import ast
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import grimp
import pytest

import coopcouncil
from tests.conftest import REPO_ROOT

PACKAGE_DIR = Path(coopcouncil.__file__).parent
LOGIC_PACKAGES = sorted(
    f"coopcouncil.{path.parent.parent.name}.logic"
    for path in PACKAGE_DIR.glob("*/logic/__init__.py")
)
APPS = sorted(path.parent.name for path in PACKAGE_DIR.glob("*/apps.py"))
# The modules through which people and programs reach an app.
FRONT_DOORS = {"views", "api", "cli", "forms"}


def test_every_logic_package_imports_without_django():
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {LOGIC_PACKAGES!r}:\n"
        "    package = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(package.__path__, name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "leaked = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'ninja'})\n"
        "assert not leaked, leaked\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "coopcouncil.places.logic" in LOGIC_PACKAGES


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # Imports made only for type hints are left out: they do not run, so they cannot loop.
    return grimp.build_graph("coopcouncil", exclude_type_checking_imports=True)


def _app(module: str) -> str | None:
    """The app a module belongs to: the second part of its name (core, cli and config too)."""
    parts = module.split(".")
    return parts[1] if parts[0] == "coopcouncil" and len(parts) > 1 else None


def _app_imports(graph: grimp.ImportGraph) -> dict[tuple[str, str], str]:
    """Each (importing app, imported app) pair, with one import that makes it."""
    found: dict[tuple[str, str], str] = {}
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            pair = (_app(module), _app(imported))
            if None not in pair and pair[0] != pair[1]:
                found.setdefault(pair, f"{module} -> {imported}")
    return found


def _cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle in the directed graph ``edges`` as [a, b, ..., a], or [] when there is none."""
    finished: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str]:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in finished:
            return []
        for following in sorted(edges[node]):
            cycle = visit(following, [*path, node])
            if cycle:
                return cycle
        finished.add(node)
        return []

    for start in sorted(edges):
        cycle = visit(start, [])
        if cycle:
            return cycle
    return []


def test_no_two_apps_import_each_other_even_through_others(graph):
    imports = _app_imports(graph)
    edges: dict[str, set[str]] = defaultdict(set)
    for importer, imported in imports:
        edges[importer].add(imported)
    cycle = _cycle(edges)
    steps = [imports[pair] for pair in zip(cycle, cycle[1:], strict=False)]
    assert not cycle, (
        "Apps import each other in a loop: " + " → ".join(cycle) + "\n" + "\n".join(steps)
    )


def test_the_cycle_finder_finds_a_loop_through_three_apps():
    edges = defaultdict(set, {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert _cycle(edges) == ["a", "b", "c", "a"]
    assert _cycle(defaultdict(set, {"a": {"b"}, "b": {"c"}})) == []


def _contract(name: str) -> dict:
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(contract for contract in contracts if contract["name"] == name)


def _layer_names(contract: dict) -> set[str]:
    names = set()
    for layer in contract["layers"]:
        for name in layer.replace(":", "|").split("|"):
            names.add(name.strip().strip("()"))
    return names


def test_every_app_has_its_place_in_the_app_dependency_contract():
    contract = _contract("Apps import only the apps below them")
    assert contract["containers"] == ["coopcouncil"] and contract["exhaustive"]
    missing = sorted(set(APPS) - _layer_names(contract))
    assert not missing, f"Add these apps to the app dependency contract: {missing}"


def test_every_app_has_its_modules_in_the_layers_contract():
    contract = _contract("Layers inside each app")
    assert contract["exhaustive"]
    missing = sorted(set(APPS) - {c.removeprefix("coopcouncil.") for c in contract["containers"]})
    assert not missing, f"Add these apps to the layers contract's containers: {missing}"
    assert {"core", "places", "people", "budgets"} <= set(APPS)


def test_views_apis_and_commands_reach_other_apps_only_through_their_selectors(graph):
    found = []
    for module in sorted(graph.modules):
        parts = module.split(".")
        if len(parts) < 3 or parts[2] not in FRONT_DOORS:
            continue
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            other = imported.split(".")
            if len(other) > 2 and other[2] == "models" and other[1] != parts[1]:
                found.append(f"{module} -> {imported}")
    assert not found, "Use the owning app's selectors instead:\n" + "\n".join(found)


SERVICE_MODULES = sorted([*PACKAGE_DIR.glob("*/services.py"), *PACKAGE_DIR.glob("*/services/*.py")])
# Public functions in services/ that take positional arguments today: each is a step or a
# lookup other code calls, not a write a view calls. A new service is keyword-only.
POSITIONAL_ALLOWED = {
    "budgets/services/allocations.py:check_financial_year",
    "democracy/services/decisions.py:call_in_decision_get",
    "democracy/services/decisions.py:call_in_threshold_check",
    "democracy/services/notify.py:site_link",
    "democracy/services/signing.py:signatures_insert_params",
    "democracy/services/signing.py:signatures_written",
    "participation/services/ballots.py:ballot_constraints",
    "people/services/accounts.py:user_verification_link",
}


def _public_service_functions():
    for path in SERVICE_MODULES:
        name = path.relative_to(PACKAGE_DIR).as_posix()
        for node in ast.parse(path.read_text()).body:
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and not node.name.startswith("_"):
                yield f"{name}:{node.name}", node.args, node.returns


def test_the_service_finder_reads_service_modules_and_packages():
    names = {name for name, _, _ in _public_service_functions()}
    assert {
        "places/services.py:ward_figures_import",
        "democracy/services/decisions.py:call_in_sign",
    } <= names


def test_every_public_service_function_annotates_each_parameter_and_its_return():
    missing = []
    for name, args, returns in _public_service_functions():
        parameters = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
        unannotated = [p.arg for p in parameters if p is not None and p.annotation is None]
        if unannotated:
            missing.append(f"{name} ({', '.join(unannotated)})")
        if returns is None:
            missing.append(f"{name} (return)")
    assert not missing, "Annotate: " + "; ".join(missing)


def test_every_public_service_function_is_keyword_only():
    positional = {
        name for name, args, _ in _public_service_functions() if args.posonlyargs or args.args
    }
    assert positional - POSITIONAL_ALLOWED == set(), "Make keyword-only (def f(*, ...))"
