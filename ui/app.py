"""Start the desktop app: open the profile's store, show the main window, run until quit."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from desktop import APP_NAME, __version__, paths
from desktop.store import Store

from .errors import install_excepthook, show_error
from .operations import OpContext
from .style import apply_style, icon

LOCAL_PROFILE = "local"
DEMO_PROFILE = "demo"


def choose_profile(profile: str | None, demo: bool) -> str:
    """``--demo`` wins, then ``--profile``, then the last profile used, then "local"."""
    if demo:
        return DEMO_PROFILE
    if profile:
        return profile
    last = QSettings().value("profile/last") if QCoreApplication.instance() else None
    return str(last) if last else LOCAL_PROFILE


def open_profile(data_dir: str | None, profile: str | None, demo: bool) -> OpContext:
    """Open (creating if needed) the profile's store and wrap it in an OpContext.

    The demo profile is filled with the demo book of business on first use. Kept apart from
    ``run`` so a launcher can start the demo CRM before the window opens.
    """
    base = paths.data_dir(data_dir)
    name = choose_profile(profile, demo)
    path = paths.store_path(base, name)
    if name == DEMO_PROFILE:
        from desktop.demo import ensure_demo_store

        store = ensure_demo_store(path)
    else:
        store = Store.open(path)
    context = OpContext(store)
    context.profile = name  # type: ignore[attr-defined]
    return context


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with Fieldbook's names, icon and style (reused when one exists)."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setOrganizationDomain("fieldbook.app")
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(icon("fieldbook"))
    apply_style(app)
    return app


def run(args: argparse.Namespace) -> int:
    """Run the window for the parsed command line; returns the exit code."""
    app = create_application()
    install_excepthook()
    try:
        context = open_profile(getattr(args, "data_dir", None), getattr(args, "profile", None),
                               bool(getattr(args, "demo", False)))
    except Exception as exc:  # noqa: BLE001 - a locked or unreadable file: say so in words, then stop
        show_error(None, exc)
        print(f"{APP_NAME}: {exc}", file=sys.stderr)
        return 1
    context.make_current()
    QSettings().setValue("profile/last", context.profile)  # type: ignore[attr-defined]
    from .main_window import MainWindow

    window = MainWindow(context)
    window.show()
    try:
        return app.exec()
    finally:
        context.close()
