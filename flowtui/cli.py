"""The command line: one parser, each subcommand registered by the package that owns it.

Subcommand modules import only ``argparse`` at module level and defer their real imports
to the handler, so ``flowtui --help`` and ``flowtui validate`` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence

from flowtui import __version__
from flowtui.launch import add_app_arguments

# Each module has ``add_parser(subparsers)``, which sets ``handler=run`` on its parser(s);
# a handler takes the parsed namespace and returns the exit code.
COMMAND_MODULES: tuple[str, ...] = (
    "flowtui.flowjson.command",
    "flowtui.sandbox.command",
    "flowtui.accounts.command",
    "flowtui.play_command",
    "flowtui.keys_command",
    "flowtui.endpoint_command",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="flowtui",
        description="Manage WhatsApp Flows on Meta's Graph API from the keyboard.",
        epilog="Account precedence: --sandbox > --base-url with --waba-id (token from "
        "FLOWTUI_TOKEN or WHATSAPP_ACCESS_TOKEN) > --profile NAME > the default profile.",
    )
    parser.add_argument("--version", action="version", version=f"flowtui {__version__}")
    parser.add_argument("--config", metavar="PATH", help="config file (default: FLOWTUI_CONFIG)")
    add_app_arguments(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is not None:
        return int(handler(args))
    from flowtui.launch import run_app

    return run_app(args)
