"""The ``fieldbook`` command: parse arguments, then hand over to the window (or a tool)."""

from __future__ import annotations

import argparse
import os
import sys

from . import APP_NAME, __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fieldbook", description=f"{APP_NAME}: your book of business, offline."
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder for profiles and settings (default: $FIELDBOOK_DATA_DIR or the OS data folder)",
    )
    parser.add_argument("--profile", help="open this profile instead of the last one used")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the demo book of business (created on first use)",
    )
    parser.add_argument(
        "--salesforce",
        action="store_true",
        help="with --demo: sync with the Salesforce-dialect demo org instead of Tryton",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation without a screen (Qt, store, keyring, resources, PDF)",
    )
    parser.add_argument(
        "--self-test-report", metavar="FILE", help="also write the self-test lines to FILE"
    )
    preset = parser.add_argument_group(
        "presets for the welcome page (IT: see fieldbook.json in docs/install.md)"
    )
    preset.add_argument("--crm-kind", help="the kind of CRM, e.g. tryton")
    preset.add_argument("--crm-url", help="the CRM's address")
    preset.add_argument("--crm-database", help="the CRM's database")
    # The headless commands (sign-in, sync, status...) live with the other interfaces, in
    # ui/cli.py, which imports no Qt; importing it here is as late as ui.app below.
    from ui.cli import add_commands

    add_commands(parser)
    return parser


def has_display() -> bool:
    """Whether a Qt window can be shown here (a platform plugin without a screen counts)."""
    if sys.platform in ("win32", "darwin"):
        return True
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "Fieldbook needs a screen, and this session has none (DISPLAY is not set).\n"
    "Run it from a desktop session, or on a virtual screen:\n"
    "    xvfb-run -a fieldbook --demo\n"
    "or without any window at all: QT_QPA_PLATFORM=offscreen fieldbook --demo"
)


def read_ahead(args: argparse.Namespace) -> None:
    """Start reading the key of the store the window is about to open, and opening it, while Qt
    loads (``desktop.protection.open_early``; a plain store, such as the demo's, needs none)."""
    from . import paths, protection

    base = paths.data_dir(args.data_dir)
    name = paths.profile_to_open(args.profile, args.demo, base) or paths.LOCAL_PROFILE
    protection.open_early(paths.store_path(base, name))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        from ui.cli import run as run_command

        return run_command(args)
    if args.self_test:
        from ui.self_test import main as self_test  # sets QT_QPA_PLATFORM=offscreen itself

        return self_test(report=args.self_test_report)
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from . import logs

    logs.setup_logging()  # the rotating file in the OS log folder, before the read-ahead logs
    read_ahead(args)
    from ui.app import run  # imported late: the core and command-line tools never load Qt

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
