"""Help ▸ Copy diagnostics and Help ▸ Open log folder: what support needs, one click away."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QLocale, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop import diagnostics, logs, money


def diagnostics_text(window: QWidget) -> str:
    """The report for ``window``'s store and sync, with Qt's side of things."""
    extra = {
        "qt": f"{qVersion()} (PySide6 {pyside_version})",
        "qt platform": QGuiApplication.platformName(),
        "ui language": QLocale().name(),
        "number locale": money.rep_locale(),
        "company currency": money.default_currency(),
    }
    store = getattr(window, "store", None)
    if store is not None:
        try:
            extra.update(diagnostics.store_facts(store))
        except Exception as exc:  # noqa: BLE001 - a report must not fail because the store did
            extra["store"] = f"unreadable ({type(exc).__name__})"
    controller = getattr(window, "sync_controller", None)
    state = getattr(controller, "state", None) if controller is not None else None
    if state is not None:
        extra.update(diagnostics.sync_facts(state.status, state.mode))
        if state.last_report is not None:
            extra["last sync report"] = logs.scrub(repr(state.last_report))[:400]
    else:
        extra.update(diagnostics.sync_facts(None))
    return diagnostics.report(extra)


def copy_diagnostics(window: QWidget) -> str:
    """Put the report on the clipboard; returns it."""
    text = diagnostics_text(window)
    QGuiApplication.clipboard().setText(text)
    return text


def open_url(url: QUrl) -> bool:
    """Open ``url`` with the OS (tests replace this function)."""
    return QDesktopServices.openUrl(url)


def open_log_folder() -> bool:
    """Show the log folder in the OS file manager."""
    folder = logs.current_log_file().parent
    folder.mkdir(parents=True, exist_ok=True)
    return open_url(QUrl.fromLocalFile(str(folder)))


__all__ = ["copy_diagnostics", "diagnostics_text", "open_log_folder"]
