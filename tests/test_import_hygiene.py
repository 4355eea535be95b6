"""The headless layers never import the UI stack, so they stay usable (and fast) on their own.

httpx imports Rich for its optional command line when Rich happens to be installed (it always
is, through Textual), so "rich in sys.modules" proves nothing about our code. Instead the
subprocess makes every ``textual`` and ``rich`` import fail and imports each headless module:
any module of ours that needs them fails to import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "flowtui.api",
    "flowtui.flowjson",
    "flowtui.sandbox",
    "flowtui.accounts",
    "flowtui.migration",
    "flowtui.editing",
    "flowtui.catalog",
]

PROBE = """
import importlib, pkgutil, sys

class BlockUi:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("textual", "rich"):
            raise ImportError(f"blocked: {name}")
        return None

sys.meta_path.insert(0, BlockUi())
pkg = importlib.import_module(PACKAGE)
names = [pkg.__name__]
for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
    importlib.import_module(info.name)
    names.append(info.name)
print(len(names))
"""


@pytest.mark.parametrize("package", HEADLESS)
def test_headless_package_imports_no_textual_or_rich(package: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"PACKAGE = {package!r}\n{PROBE}"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout) >= 2  # the package and at least one module were imported


def test_the_probe_catches_a_ui_import() -> None:
    code = f"PACKAGE = 'json'\n{PROBE}\nimport textual"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0 and "blocked: textual" in result.stderr


def test_python_dash_m_flowtui_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flowtui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.startswith("flowtui ")
