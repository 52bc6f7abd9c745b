"""Pure logic packages import without Django: they can be tested and benchmarked alone."""

import pkgutil
import subprocess
import sys

import coopcouncil

LOGIC_PACKAGES = [
    f"coopcouncil.{m.name}.logic"
    for m in pkgutil.iter_modules(coopcouncil.__path__)
    if m.ispkg and pkgutil.find_loader(f"coopcouncil.{m.name}.logic") is not None
]


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
