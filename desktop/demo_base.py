"""The demo book's maker: its seeded randomness, the names and places it draws from, ids.

See ``desktop/demo.py``; the parts of the book are made in ``demo_activity.py`` (deals,
contracts, notes, tasks) and ``demo_accounts.py`` (accounts and their people).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import unicodedata
from functools import lru_cache
from typing import Any

from . import entities as E
from .paths import resources_dir

# Most accounts belong to the rep; a few to colleagues, so the owner filter means something.
DEMO_OWNER = "Alex Morgan"
DEMO_CURRENCY = "USD"  # the demo CRM's company currency: the book is priced in dollars

# Ids are UUIDv7-shaped and time-ordered like real ones, their clock starting here (2024-01-01),
# one millisecond per record, so a book's ids never depend on when it was generated.
_ID_EPOCH_MS = 1_704_067_200_000
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


@lru_cache(maxsize=1)
def _resources() -> dict[str, Any]:
    folder = resources_dir() / "demo"
    return {
        name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        for name in ("places", "people", "companies", "notes")
    }


def _ascii(text: str) -> str:
    """Lower-case ASCII letters and digits only, for e-mail addresses and web domains."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class _Ids:
    """UUIDv7-shaped ids from the seed: time-ordered in the order the records were made."""

    def __init__(self, seed: int):
        self._rng = random.Random(f"fieldbook-demo-ids-{seed}")
        self._count = 0

    def __call__(self) -> str:
        self._count += 1
        ms = _ID_EPOCH_MS + self._count
        value = (ms << 80) | (0x7 << 76) | (0b10 << 62) | self._rng.getrandbits(62)
        value |= (self._count & 0xFFF) << 64
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Person:
    __slots__ = ("email_local", "name", "short")

    def __init__(self, name: str, short: str, email_local: str):
        self.name, self.short, self.email_local = name, short, email_local


class MakerBase:
    """Builds one book; every random choice comes from one seeded generator, in a fixed order."""

    def __init__(self, seed: int, today: dt.date, notes_per_account: int | None):
        self.rng = random.Random(seed)
        self._random = self.rng.random
        self.today = today
        self.notes_per_account = notes_per_account
        self.new_id = _Ids(seed)
        res = _resources()
        self.cities = res["places"]["cities"]
        self.city_weights = [c["weight"] for c in self.cities]
        self.people = res["people"]
        self.companies = res["companies"]
        self.industries = self.companies["industries"]
        self.industry_weights = [i["weight"] for i in self.industries]
        self.templates = res["notes"]
        self.colleagues = self.companies["colleagues"]
        self.book: dict[str, list[dict]] = {t: [] for t in E.TABLES}
        self.names: set[str] = set()
        self.repeats: dict[str, int] = {}
        self.contract_seq = 0
        # Decks dealt before random choices, so even a small book shows every case a screen
        # must handle: each stage and type, deadlines soon and passed, overdue tasks...
        self.stage_deck = self._shuffled(list(E.STAGES))
        self.type_deck = self._shuffled(list(E.OPPORTUNITY_TYPES))
        self.contract_deck = self._shuffled(
            ["deadline_soon", "deadline_passed", "deadline_soon", "normal", "deadline_passed"]
        )
        self.task_deck = self._shuffled(
            [
                ("overdue", None),
                ("today", None),
                ("this_week", "meeting"),
                ("this_week", None),
                ("overdue", "call"),
                ("later", None),
            ]
        )
        self.health_deck = self._shuffled(["red", "amber", "green", "red", "amber"])
        self.kind_deck = self._shuffled(
            ["partner", "prospect", "customer", "customer", "partner", "prospect", "customer"]
        )

    # Plain random() arithmetic instead of randint/choice: the same spread, several times
    # faster, which matters for the half-million-note benchmark book.
    def _int(self, low: int, high: int) -> int:
        return low + int(self._random() * (high - low + 1))

    def _pick(self, items):
        return items[int(self._random() * len(items))]

    def _shuffled(self, items: list) -> list:
        self.rng.shuffle(items)
        return items

    # -- helpers -------------------------------------------------------------------------------

    def _days(self, offset: int) -> str:
        return (self.today + dt.timedelta(days=offset)).isoformat()

    def _person(self, locale: str) -> _Person:
        native = self.people["native"].get(locale)
        if native:
            given, g_roman = self._pick(native["given"])
            family, f_roman = self._pick(native["family"])
            local = f"{_ascii(g_roman)}.{_ascii(f_roman)}"
            if native["family_first"]:
                # Japanese colleagues are called by family name; Chinese by the full name.
                name = f"{family} {given}" if locale == "ja" else f"{family}{given}"
                short = f"{family}さん" if locale == "ja" else name
                return _Person(name, short, local)
            return _Person(f"{given} {family}", given, local)
        names = self.people["latin"][locale]
        given, family = self._pick(names["given"]), self._pick(names["family"])
        return _Person(f"{given} {family}", given, f"{_ascii(given)}.{_ascii(family)}")

    def _unique_name(self, make) -> str:
        for _ in range(6):
            name = make()
            if name not in self.names:
                self.names.add(name)
                return name
        # A big book runs out of names: number the repeats ("Helix Cloud 7"), counting per name.
        base = make()
        number = self.repeats.get(base, 1)
        while f"{base} {number + 1}" in self.names:
            number += 1
        self.repeats[base] = number + 1
        self.names.add(f"{base} {number + 1}")
        return f"{base} {number + 1}"
