"""Run Fieldbook's window in the OS language of this process (the test sets LANG=de_DE.UTF-8),
go through the window, a record dialog with a validation error, the brief and its PDF, save
screenshots into ``argv[1]`` and print what is on screen as JSON."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from desktop.brief import compose_brief
from desktop.demo import ensure_demo_store
from ui import i18n
from ui.app import create_application
from ui.brief_pages import write_pdf
from ui.main_window import MainWindow
from ui.operations import OpContext
from ui.record_dialog import RecordDialog


def spin(until, timeout_ms: int = 10_000) -> bool:
    loop = QEventLoop()
    waited = 0
    while not until() and waited < timeout_ms:
        QTimer.singleShot(25, loop.quit)
        loop.exec()
        waited += 25
    return until()


def main() -> None:
    out = Path(sys.argv[1])
    app = create_application()
    store = ensure_demo_store(out / "book.sqlite")
    context = OpContext(store).make_current()
    window = MainWindow(context)
    window.resize(1280, 800)
    window.show()
    spin(lambda: window.isVisible())
    QCoreApplication.processEvents()
    account = store.account_ids()[0]
    spin(lambda: False, 800)  # the list loads off the GUI thread
    window.grab().save(str(out / "window.png"))
    report = {
        "language": i18n.current_language(),
        "menus": [a.text() for a in window.menuBar().actions()],
        "title": window.windowTitle(),
    }
    dialog = RecordDialog(window, context, "opportunities", defaults={"account_id": account})
    dialog.show()
    dialog.editors["name"].focus_widget().setText("")
    dialog.editors["probability"].focus_widget().setText("abc")
    dialog.editors["amount_cents"].focus_widget().setText("12.500,50")
    dialog.save()
    spin(lambda: dialog.problem.isVisible())
    dialog.grab().save(str(out / "dialog.png"))
    report["dialog_title"] = dialog.windowTitle()
    report["problem"] = dialog.problem.text()
    report["name_error"] = dialog.error_text("name")
    report["probability_error"] = dialog.error_text("probability")
    report["amount_preview"] = dialog.editors["amount_cents"].preview.text()
    dialog.close()
    window.open_account(account)
    spin(lambda: False, 800)
    window.grab().save(str(out / "account.png"))
    brief_view = window.brief_view
    brief_view.show_account(account)
    brief_view.refresh()
    brief_view.resize(900, 1000)
    brief_view.show()
    spin(lambda: brief_view.browser.toPlainText() != "", 5000)
    brief_view.grab().save(str(out / "brief.png"))
    report["brief_text"] = brief_view.browser.toPlainText()[:4000]
    write_pdf(out / "brief.pdf", [compose_brief(store, account)])
    print(json.dumps(report, ensure_ascii=False))
    window.close()
    context.close()
    app.quit()


if __name__ == "__main__":
    main()
