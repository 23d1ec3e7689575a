"""Briefs on paper: the PDF exists, has the expected pages and text, and non-Latin names survive.

Text is extracted with poppler's ``pdftotext`` (installed by .ci/run), page by page.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pytest
from PySide6.QtGui import QPageSize
from test_brief import TODAY, make_account, make_large_account, make_typical_account

from desktop.brief import compose_brief
from ui.brief_export import ExportCancelled, export_trip_pack
from ui.brief_pages import write_pdf

PDFTOTEXT = shutil.which("pdftotext")
PDFINFO = shutil.which("pdfinfo")
pytestmark = pytest.mark.skipif(
    not (PDFTOTEXT and PDFINFO),
    reason="POPPLER-UTILS MISSING: pdftotext/pdfinfo not found, PDF content NOT checked "
    "(apt-get install poppler-utils)",
)
A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)
NOW = dt.datetime(2026, 11, 22, 8, 45)


def page_count(path) -> int:
    out = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line for line in out.splitlines() if line.startswith("Pages:")).split()[1])


def page_text(path, page: int | None = None, layout: bool = False) -> str:
    args = [PDFTOTEXT, "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    result = subprocess.run(args + [str(path), "-"], capture_output=True, check=True)
    # Noto CJK draws 小 (U+5C0F) and the Kangxi radical ⼩ (U+2F29) with one glyph, and Qt's PDF
    # text layer names the glyph by its lowest code point; NFKC folds the radical back.
    return unicodedata.normalize("NFKC", result.stdout.decode("utf-8"))


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


@pytest.mark.parametrize("page_size", [A4, LETTER], ids=["A4", "Letter"])
def test_typical_account_fits_one_page_with_its_names_and_as_of(store, tmp_path, page_size):
    a = make_typical_account(store)
    brief = compose_brief(store, a, today=TODAY, now=NOW)
    path = tmp_path / "brief.pdf"
    assert write_pdf(path, [brief], page_size) == 1
    assert page_count(path) == 1
    text = page_text(path)
    assert "Kobayashi Precision 小林精機" in text
    for name in ("田中由紀", "佐藤陽翔", "Αλέξανδρος Παπαδόπουλος", "Дмитрий Иванов"):
        assert name in text, name
    assert "As of 22 Nov 2026" in text
    assert "changes not yet synced" in text and "Never synced" in text
    assert "Page 1 of 1" in text
    assert "KP-2024-001" in text and "Predictive maintenance" in text
    assert "TALKING POINTS" in text


def test_synced_account_says_so(store, tmp_path):
    a = make_typical_account(store)
    store.db.execute("DELETE FROM outbox")  # nothing pending, but no sync has run yet
    path = tmp_path / "brief.pdf"
    write_pdf(path, [compose_brief(store, a, today=TODAY, now=NOW)], A4)
    text = page_text(path)
    assert "Never synced · No local changes" in text and "All changes synced" not in text
    with store.transaction():  # a sync finished at 07:15 UTC
        store.db.execute(
            "INSERT INTO sync_state (key, value) VALUES ('last_success_at', '2026-11-22T07:15:00')"
        )
    write_pdf(path, [compose_brief(store, a, today=TODAY, now=NOW)], A4)
    text = page_text(path)
    assert "Last sync 22 Nov" in text and "All changes synced" in text
    assert "not yet synced" not in text


def test_large_account_continues_cleanly(store, tmp_path):
    a = make_large_account(store)
    path = tmp_path / "large.pdf"
    pages = write_pdf(path, [compose_brief(store, a, today=TODAY, now=NOW)], A4)
    assert pages >= 2 and page_count(path) == pages
    first = page_text(path, 1)
    assert "(continued)" not in first and f"Page 1 of {pages}" in first
    for n in range(2, pages + 1):
        text = page_text(path, n)
        assert "Πλοία Αιγαίου Shipping (continued)" in text
        assert f"Page {n} of {pages}" in text
    everything = page_text(path)
    for i in range(30):
        assert f"Stakeholder {i:02d}" in everything  # nothing lost at page breaks


def test_trip_pack_has_one_brief_per_account_each_on_new_pages(store, tmp_path):
    ids = [make_typical_account(store, name=f"Account {i} — 東京 {i}") for i in range(3)]
    ids.append(make_large_account(store))
    ids.append(make_account(store, name="Small Ωmega"))
    steps = []
    path = tmp_path / "trip.pdf"
    pages = export_trip_pack(
        store,
        ids + [ids[0]],
        path,
        today=TODAY,
        now=NOW,
        page_size=A4,
        progress=lambda done, total: steps.append(done),
    )
    assert steps == list(range(1, 11))  # compose and draw each of the 5 distinct accounts
    assert page_count(path) == pages
    # Page 1 lists the accounts; then each brief's first page is "Page 1 of n" with its name.
    contents = page_text(path, 1, layout=True)  # keep each table row on one line
    assert "Trip briefs" in contents and "Page 1 of" not in contents
    starts = []
    for n in range(2, pages + 1):
        text = page_text(path, n)
        if "Page 1 of" in text:
            starts.append((n, text))
    assert len(starts) == 5
    names = [
        "Account 0 — 東京 0",
        "Account 1 — 東京 1",
        "Account 2 — 東京 2",
        "Πλοία Αιγαίου Shipping",
        "Small Ωmega",
    ]
    assert [n for n, _ in starts][:4] == [2, 3, 4, 5]  # typical briefs take one page each
    for (page, text), name in zip(starts, names, strict=False):
        assert name in text
        # The contents line of this account names the page its brief starts on.
        line = next(line for line in contents.splitlines() if name in line)
        assert line.rstrip().endswith(f" {page}"), line


def test_trip_pack_cancel_leaves_no_file(store, tmp_path):
    ids = [make_typical_account(store, name=f"Account {i}") for i in range(4)]
    path = tmp_path / "trip.pdf"
    seen = []
    with pytest.raises(ExportCancelled):
        export_trip_pack(
            store,
            ids,
            path,
            today=TODAY,
            page_size=A4,
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: len(seen) >= 6,
        )  # while drawing the 2nd brief
    assert not path.exists()
    seen.clear()
    with pytest.raises(ExportCancelled):
        export_trip_pack(
            store,
            ids,
            path,
            today=TODAY,
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: len(seen) >= 2,
        )  # while composing
    assert not path.exists() and seen == [1, 2]


def test_paper_carries_no_app_links(store, tmp_path):
    a = make_typical_account(store)
    path = tmp_path / "brief.pdf"
    write_pdf(path, [compose_brief(store, a, today=TODAY, now=NOW)], A4)
    assert b"fieldbook://" not in path.read_bytes()
    assert "Plant visit with Yuki" in page_text(path)
