"""The store's schema as ordered migrations.

A migration, once released, never changes: a later change is a new function appended to
``MIGRATIONS``. ``tests/fixtures/store-v1.sqlite`` holds a v1 database with data that every
later version must open without loss.

Entity tables carry ``seq INTEGER PRIMARY KEY`` (a stable rowid that full-text search points at,
and insertion order) and ``id TEXT UNIQUE`` (the client-generated UUIDv7 every other part uses).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import sqlite_utils

from .errors import SCHEMA_TOO_NEW, FieldbookError

_COMMON = """
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
"""


def _fts(table: str, columns: tuple[str, ...]) -> str:
    """An external-content FTS5 index over ``table`` kept current by triggers."""
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
    CREATE VIRTUAL TABLE {table}_fts USING fts5(
        {cols}, content='{table}', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3'
    );
    CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
        INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.seq, {new});
    END;
    CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
        INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.seq, {old});
    END;
    CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {cols} ON {table} BEGIN
        INSERT INTO {table}_fts({table}_fts, rowid, {cols}) VALUES ('delete', old.seq, {old});
        INSERT INTO {table}_fts(rowid, {cols}) VALUES (new.seq, {new});
    END;
    """


def _v1_book_of_business(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        f"""
    CREATE TABLE accounts (
        {_COMMON},
        name TEXT NOT NULL,
        parent_id TEXT REFERENCES accounts(id) ON DELETE SET NULL,
        industry TEXT, segment TEXT, type TEXT, owner TEXT, website TEXT, phone TEXT,
        street TEXT, city TEXT, country TEXT,
        mrr_cents INTEGER, annual_revenue_cents INTEGER,
        tier TEXT, health TEXT, health_reason TEXT, churn_risk TEXT, churn_reason TEXT,
        nps INTEGER, next_review TEXT, description TEXT
    );
    CREATE INDEX accounts_name ON accounts(name COLLATE NOCASE);
    CREATE INDEX accounts_city ON accounts(city COLLATE NOCASE);
    CREATE INDEX accounts_owner ON accounts(owner);
    CREATE INDEX accounts_parent ON accounts(parent_id);
    CREATE INDEX accounts_next_review ON accounts(next_review);

    CREATE TABLE contacts (
        {_COMMON},
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL, title TEXT, email TEXT, phone TEXT,
        reports_to_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        role TEXT, stance TEXT, last_contacted TEXT
    );
    CREATE INDEX contacts_account ON contacts(account_id);
    CREATE INDEX contacts_reports_to ON contacts(reports_to_id);

    CREATE TABLE opportunities (
        {_COMMON},
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL, type TEXT, stage TEXT NOT NULL,
        amount_cents INTEGER, mrr_cents INTEGER, close_date TEXT, probability INTEGER,
        forecast_category TEXT, next_step TEXT, competitor TEXT
    );
    CREATE INDEX opportunities_account ON opportunities(account_id);
    CREATE INDEX opportunities_stage ON opportunities(stage, close_date);

    CREATE TABLE contracts (
        {_COMMON},
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        number TEXT NOT NULL, start_date TEXT NOT NULL, term_months INTEGER, end_date TEXT,
        notice_days INTEGER, auto_renew INTEGER, mrr_cents INTEGER, status TEXT
    );
    CREATE INDEX contracts_account ON contracts(account_id);
    CREATE INDEX contracts_end ON contracts(end_date);

    CREATE TABLE notes (
        {_COMMON},
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        opportunity_id TEXT REFERENCES opportunities(id) ON DELETE SET NULL,
        kind TEXT NOT NULL, title TEXT NOT NULL, body TEXT, occurred_at TEXT NOT NULL,
        author TEXT
    );
    CREATE INDEX notes_account ON notes(account_id, occurred_at);
    CREATE INDEX notes_contact ON notes(contact_id);
    CREATE INDEX notes_opportunity ON notes(opportunity_id);
    CREATE INDEX notes_occurred ON notes(occurred_at);

    CREATE TABLE tasks (
        {_COMMON},
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        contact_id TEXT REFERENCES contacts(id) ON DELETE SET NULL,
        opportunity_id TEXT REFERENCES opportunities(id) ON DELETE SET NULL,
        subject TEXT NOT NULL, kind TEXT, due_date TEXT, priority TEXT,
        status TEXT NOT NULL
    );
    CREATE INDEX tasks_account ON tasks(account_id);
    CREATE INDEX tasks_due ON tasks(status, due_date);
    CREATE INDEX tasks_contact ON tasks(contact_id);
    CREATE INDEX tasks_opportunity ON tasks(opportunity_id);

    -- Every local edit appends here in the same transaction as the row change.
    CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY,
        op_id TEXT NOT NULL UNIQUE,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
        changes TEXT NOT NULL,      -- JSON {{field: new value}}
        base TEXT NOT NULL,         -- JSON {{field: value it replaced}}
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'parked'))
    );
    CREATE INDEX outbox_row ON outbox(table_name, row_id);

    -- Domain preferences (UI state lives in QSettings).
    CREATE TABLE preferences (key TEXT PRIMARY KEY, value TEXT);
    """
        + _fts("accounts", ("name", "industry", "city"))
        + _fts("contacts", ("name", "title", "email"))
        + _fts("notes", ("title", "body"))
        + _fts("opportunities", ("name", "next_step")),
    )


def _v2_sync_state(db: sqlite3.Connection) -> None:
    _run_script(
        db,
        """
    -- Opaque connector cursors and other engine bookkeeping.
    CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT);

    -- The last server state the client saw of each synced row: the base of three-way merges.
    CREATE TABLE sync_records (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        version TEXT,
        base TEXT NOT NULL,        -- JSON {field: server value}
        synced_at TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    ) WITHOUT ROWID;

    -- A field changed differently on both sides, or an edit against a remote delete.
    CREATE TABLE conflicts (
        seq INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT,                -- NULL for a whole-record conflict
        kind TEXT NOT NULL CHECK (kind IN ('field', 'deleted_remotely', 'deleted_locally')),
        base TEXT, mine TEXT, theirs TEXT,   -- JSON values
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT
    );
    CREATE INDEX conflicts_open ON conflicts(resolved_at, table_name, row_id);

    -- Pulled records whose parent (or another referred record) has not arrived yet: held here,
    -- in the same transaction as the page, and applied as soon as the parent is in the store.
    CREATE TABLE sync_orphans (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        version TEXT,
        record TEXT NOT NULL,      -- JSON {field: server value}
        PRIMARY KEY (table_name, row_id)
    ) WITHOUT ROWID;
    """,
    )


def _v3_currency(db: sqlite3.Connection) -> None:
    """Money-carrying tables name their currency (ISO 4217); NULL reads as the CRM's default.

    Self-contained and safe to meet a column another branch already added.
    """
    for table in ("accounts", "opportunities", "contracts"):
        add_column(db, table, "currency", "TEXT")


_OPEN_STAGES_V4 = "('prospecting','qualification','discovery','proposal','negotiation')"
_OPEN_PIPELINE_V4 = f"""(SELECT SUM(COALESCE(o.amount_cents, 0)) FROM opportunities o
    WHERE o.account_id = accounts.id AND o.stage IN {_OPEN_STAGES_V4})"""


def _v4_big_book_lists(db: sqlite3.Connection) -> None:
    """Indexes so that every page of the accounts list is an index walk on a 150k-account book.

    - one index per sort, over the sort key, name and id (the key expressions are those of
      ``desktop.account_list.SORT_KEYS``, written out here because a released migration never
      changes);
    - one index per filter column, over the column, name and id (a filtered first page by name);
    - ``accounts.open_pipeline_cents``, kept by triggers on opportunities, so sorting by open
      pipeline no longer aggregates every opportunity of the book;
    - a trigram index over name, city and industry, so the text filter finds a rare substring
      without reading every account.
    """
    tiers = "CASE tier WHEN 'strategic' THEN 0 WHEN 'enterprise' THEN 1 WHEN 'growth' THEN 2 WHEN 'standard' THEN 3 END"
    health = "CASE health WHEN 'red' THEN 0 WHEN 'amber' THEN 1 WHEN 'green' THEN 2 END"
    churn = (
        "CASE churn_risk WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2"
        " WHEN 'none' THEN 3 END"
    )
    sorts = {
        "city": "city COLLATE NOCASE",
        "industry": "industry COLLATE NOCASE",
        "owner": "owner COLLATE NOCASE",
        "mrr_cents": "mrr_cents",
        "tier": tiers,
        "health": health,
        "churn_risk": churn,
        "next_review": "next_review",
        "open_pipeline_cents": "open_pipeline_cents",
        "nps": "nps",
    }
    script = f"""
    ALTER TABLE accounts ADD COLUMN open_pipeline_cents INTEGER;
    UPDATE accounts SET open_pipeline_cents = {_OPEN_PIPELINE_V4};
    CREATE TRIGGER opportunities_pipeline_insert AFTER INSERT ON opportunities
    WHEN new.stage IN {_OPEN_STAGES_V4} BEGIN
        UPDATE accounts SET open_pipeline_cents = {_OPEN_PIPELINE_V4} WHERE id = new.account_id;
    END;
    CREATE TRIGGER opportunities_pipeline_delete AFTER DELETE ON opportunities
    WHEN old.stage IN {_OPEN_STAGES_V4} BEGIN
        UPDATE accounts SET open_pipeline_cents = {_OPEN_PIPELINE_V4} WHERE id = old.account_id;
    END;
    CREATE TRIGGER opportunities_pipeline_update
    AFTER UPDATE OF stage, amount_cents, account_id ON opportunities BEGIN
        UPDATE accounts SET open_pipeline_cents = {_OPEN_PIPELINE_V4}
        WHERE id IN (old.account_id, new.account_id);
    END;
    DROP INDEX IF EXISTS accounts_name;
    CREATE INDEX accounts_sort_name ON accounts(name COLLATE NOCASE, id, city, industry);
    CREATE VIRTUAL TABLE accounts_trigram USING fts5(
        name, city, industry, content='accounts', content_rowid='seq', tokenize='trigram'
    );
    INSERT INTO accounts_trigram(accounts_trigram) VALUES ('rebuild');
    CREATE TRIGGER accounts_trigram_insert AFTER INSERT ON accounts BEGIN
        INSERT INTO accounts_trigram(rowid, name, city, industry)
        VALUES (new.seq, new.name, new.city, new.industry);
    END;
    CREATE TRIGGER accounts_trigram_delete AFTER DELETE ON accounts BEGIN
        INSERT INTO accounts_trigram(accounts_trigram, rowid, name, city, industry)
        VALUES ('delete', old.seq, old.name, old.city, old.industry);
    END;
    CREATE TRIGGER accounts_trigram_update AFTER UPDATE OF name, city, industry ON accounts BEGIN
        INSERT INTO accounts_trigram(accounts_trigram, rowid, name, city, industry)
        VALUES ('delete', old.seq, old.name, old.city, old.industry);
        INSERT INTO accounts_trigram(rowid, name, city, industry)
        VALUES (new.seq, new.name, new.city, new.industry);
    END;
    """
    for key, expression in sorts.items():
        script += f"CREATE INDEX accounts_sort_{key} ON accounts({expression}, name COLLATE NOCASE, id);\n"
    for column in ("owner", "tier", "health", "churn_risk", "city", "industry", "type"):
        script += (
            f"CREATE INDEX accounts_by_{column} ON accounts({column}, name COLLATE NOCASE, id);\n"
        )
    # Open opportunities by stage and close date, with the amount: the pipeline's pages and
    # per-stage totals read this index alone.
    script += (
        "CREATE INDEX opportunities_open ON opportunities(stage, close_date, name, amount_cents)"
        f" WHERE stage IN {_OPEN_STAGES_V4};\n"
    )
    # Notice deadlines (end date minus notice period), for the renewals pages and Today.
    script += (
        "CREATE INDEX contracts_notice ON contracts("
        "date(end_date, '-' || COALESCE(notice_days, 0) || ' days'), end_date);\n"
    )
    script += "CREATE INDEX accounts_review ON accounts(next_review, name COLLATE NOCASE, id);\n"
    _run_script(db, script)
    db.execute("PRAGMA analysis_limit = 400")
    db.execute("ANALYZE")


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Run each statement of ``script`` inside the caller's transaction.

    ``executescript`` would commit first, which would break a migration's all-or-nothing step.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement in migration: {statement[:80]!r}")


# -- helpers for later migrations ---------------------------------------------------------------
#
# New tables and their triggers read best as plain SQL (the scripts above), and so do v4's
# indexes (expressions, COLLATE NOCASE, a partial WHERE: create_index cannot say them).
# Changing a table that exists is where sqlite-utils does the job better: it knows the table's
# columns and indexes, so a step can say "add this column unless it is there" in one line (v3
# does) and stay safe when the coordinator renumbers migrations or a half-finished attempt is
# retried. Never ``Table.transform()`` here: it rebuilds the table and silently drops its
# triggers (the full-text and open-pipeline ones above); an ALTER TABLE ADD COLUMN keeps them.


def _tables(db: sqlite3.Connection) -> sqlite_utils.Database:
    # Our connection as it is: no recursive triggers switched on, no plugins.
    return sqlite_utils.Database(db, recursive_triggers=False, execute_plugins=False)


def add_column(
    db: sqlite3.Connection,
    table: str,
    name: str,
    sql_type: str = "TEXT",
    not_null_default: str | int | None = None,
) -> bool:
    """Add a column to ``table`` unless it has it; return whether it was added."""
    t = _tables(db).table(table)
    if name in t.columns_dict:
        return False
    t.add_column(name, sql_type, not_null_default=not_null_default)
    return True


def add_index(db: sqlite3.Connection, table: str, columns: Sequence[str], name: str) -> None:
    """Create the index ``name`` on ``table(columns)`` unless it exists."""
    _tables(db).table(table).create_index(list(columns), index_name=name, if_not_exists=True)


def _v5_quarantine(db: sqlite3.Connection) -> None:
    """Records the CRM sent that failed validation: held aside, with the CRM's id and the
    reason, never written to the book and never dropped; fetched again at every sync."""
    _run_script(
        db,
        """
    CREATE TABLE IF NOT EXISTS sync_quarantine (
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,      -- the CRM's client UUID as it came ('' when it had none)
        version TEXT,
        reason TEXT NOT NULL,      -- field: what is wrong, in English (the log's and the outbox's)
        record TEXT NOT NULL,      -- JSON of what came, for the details (never applied)
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (table_name, row_id)
    ) WITHOUT ROWID;
    """,
    )
    # Failures of one operation itself (the CRM answered, but not for it), apart from the
    # attempts a whole call's failure also counts: past a limit it is parked with the reason.
    add_column(db, "outbox", "own_failures", "INTEGER", not_null_default=0)


def _v6_no_empty_index_stats(db: sqlite3.Connection) -> None:
    """Forget the index statistics that say an index is empty.

    v4 ends with ANALYZE, on a new store an empty one. The SQLite inside SQLCipher (3.53)
    records the empty partial index ``opportunities_open`` as "0 rows"; trusting that, its
    planner ran the open-pipeline triggers' subquery through that index (every open
    opportunity of the book) instead of ``opportunities_account``: one scan per opportunity
    inserted, a first sync quadratic in the book. Without the row the planner uses its
    defaults (what SQLite 3.40 had, writing no row), and the triggers read one account's
    opportunities.
    """
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
        db.execute("DELETE FROM sqlite_stat1 WHERE stat = '0' OR stat LIKE '0 %'")
        db.execute("ANALYZE sqlite_schema")  # reload what is left: this connection plans anew


MIGRATIONS = (
    _v1_book_of_business,
    _v2_sync_state,
    _v3_currency,
    _v4_big_book_lists,
    _v5_quarantine,
    _v6_no_empty_index_stats,
)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(FieldbookError, RuntimeError):
    """The file was written by a newer Fieldbook (parameters ``found`` and ``known``)."""

    kind = SCHEMA_TOO_NEW

    def __str__(self) -> str:  # for the command line and logs; the window words the kind
        return (
            f"This data file is from a newer Fieldbook (schema {self.params.get('found')}, this"
            f" version knows {self.params.get('known')}). Update Fieldbook to open it."
        )


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring ``db`` up to ``target``, each step in its own transaction; return the old version."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise SchemaTooNew(found=current, known=SCHEMA_VERSION)
    for version in range(current + 1, target + 1):
        db.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](db)
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return current
