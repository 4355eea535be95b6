from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import flowtui.accounts

PACKAGE_DIR = Path(flowtui.accounts.__file__).parent
REPO_ROOT = PACKAGE_DIR.parents[1]

PROBE = """
import json, sys
before = set(sys.modules)
import flowtui.accounts.command
after_command = sorted(set(sys.modules) - before)
import flowtui.accounts.handlers, flowtui.accounts.service
print(json.dumps({"command": after_command, "all": sorted(sys.modules)}))
"""


def test_command_module_imports_only_argparse_at_top() -> None:
    tree = ast.parse((PACKAGE_DIR / "command.py").read_text())
    top_level = [
        alias.name
        for node in tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in (
            node.names if isinstance(node, ast.Import) else [ast.alias(node.module or "")]
        )
    ]
    assert top_level == ["__future__", "argparse"]


def test_importing_accounts_loads_neither_textual_nor_rich_nor_the_keyring_early() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO_ROOT, check=True
    )
    modules = json.loads(result.stdout)
    loaded_by_command = {name.split(".")[0] for name in modules["command"]}
    assert loaded_by_command <= {"flowtui", "argparse"} | set(sys.stdlib_module_names)
    assert "keyring" not in loaded_by_command
    assert "httpx" not in loaded_by_command
    everything = {name.split(".")[0] for name in modules["all"]}
    assert "keyring" in everything  # the probe did import the real modules
    # httpx's own __init__ imports rich when it is installed (for its CLI), so only Textual is
    # checked at run time; the source check below covers rich for this package.
    assert "textual" not in everything


def test_no_module_here_imports_textual_or_rich() -> None:
    for path in PACKAGE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                roots = {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert not roots & {"textual", "rich"}, f"{path.name} line {node.lineno}"
