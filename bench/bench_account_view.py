"""How long the account detail and the record dialog take to open on a big book.

    .venv/bin/python bench/bench_account_view.py [accounts]   (default 50000)

Prints milliseconds for: showing one account's detail, reloading it after a change, opening
the record dialog for a contact (it loads every account name for the account field), and for
an account. Runs offscreen; builds the book in a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from desktop.demo import generate_book, load_book
from desktop.store import Store


def timed(fn, repeat: int = 5) -> float:
    """Median milliseconds of ``fn`` over ``repeat`` runs."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    accounts = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    app = QApplication.instance() or QApplication([])
    from ui.account import AccountView
    from ui.operations import OpContext
    from ui.record_dialog import RecordDialog

    folder = tempfile.mkdtemp(prefix="fieldbook-bench-")
    store = Store.open(Path(folder) / "book.sqlite")
    start = time.perf_counter()
    load_book(store, generate_book(accounts=accounts, notes_per_account=3))
    print(f"book: {store.account_count()} accounts built in {time.perf_counter() - start:.1f} s")
    context = OpContext(store)
    busiest = store.db.execute(
        "SELECT account_id FROM contacts GROUP BY account_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    contact = store.contacts_of(busiest)[0]["id"]
    view = AccountView(context)
    view.resize(1280, 860)
    view.show()

    def show() -> None:
        view.show_account(busiest)
        app.processEvents()

    print(f"show_account (busiest account): {timed(show):.1f} ms")
    print(f"reload every tab: {timed(lambda: [m.refresh() for m in view.models.values()]):.1f} ms")

    def open_dialog(table: str, row_id: str) -> None:
        dialog = RecordDialog(view, context, table, row_id)
        dialog.show()
        app.processEvents()
        dialog.close()
        dialog.deleteLater()

    print(f"record dialog, contact: {timed(lambda: open_dialog('contacts', contact)):.1f} ms")
    print(f"record dialog, account: {timed(lambda: open_dialog('accounts', busiest)):.1f} ms")
    view.close()
    context.close()


if __name__ == "__main__":
    main()
