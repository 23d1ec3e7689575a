"""The demo book of business: a deterministic, realistic book for a data-centre and network rep.

``generate_book`` invents accounts (groups and their subsidiaries) across the cities where
colocation, interconnection and network services are sold, with their people and reporting
lines, months of notes written the way a rep writes them, opportunities in every stage,
contracts with notice periods, tasks and a spread of health and churn risk. The same seed and
``today`` give the same book, byte for byte; dates are relative to ``today`` so the demo always
looks current. Names, places and note templates live in ``resources/demo/``.

``load_book`` puts a book into a store as if it had just been synced (no outbox rows), fast
enough for the 50,000-account benchmark store.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import entities as E
from .accounts import tier_for
from .clock import add_months
from .paths import resources_dir
from .store import Store

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


class _BookMaker:
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

    # -- accounts ------------------------------------------------------------------------------

    def make(self, count: int) -> dict[str, list[dict]]:
        made = 0
        while made < count:
            left = count - made
            # The first is always a group, so even a tiny book has parents and subsidiaries.
            if left >= 3 and (made == 0 or self.rng.random() < 0.1):
                made += self._group(min(self._int(2, 4), left - 1))
            else:
                self._account(self.rng.choices(self.cities, self.city_weights)[0])
                made += 1
        return self.book

    def _group(self, subsidiaries: int) -> int:
        rng = self.rng
        industry = rng.choices(self.industries, self.industry_weights)[0]
        while "words" not in industry:
            industry = rng.choices(self.industries, self.industry_weights)[0]
        stem = self._pick(self.companies["stems"])
        word = self._pick(industry["words"])
        home = rng.choices(self.cities, self.city_weights)[0]
        base = f"{stem} {word}"
        group_name = self._unique_name(
            lambda: f"{base} {self._pick(self.companies['group_words'])}"
        )
        owner = DEMO_OWNER if rng.random() < 0.85 else self._pick(self.colleagues)
        parent = self._account(
            home, industry=industry, name=group_name, owner=owner, kind="customer", domain_stem=base
        )
        others = [c for c in self.cities if c["city"] != home["city"]]
        for city in rng.sample(others, subsidiaries):
            name = self._unique_name(lambda city=city: f"{base} {city['city']}")
            self._account(
                city,
                industry=industry,
                name=name,
                owner=owner,
                kind="customer",
                parent_id=parent["id"],
                domain_stem=base,
            )
        return 1 + subsidiaries

    def _account(
        self,
        place: dict,
        *,
        industry: dict | None = None,
        name: str | None = None,
        owner: str | None = None,
        kind: str | None = None,
        parent_id: str | None = None,
        domain_stem: str | None = None,
    ) -> dict:
        rng = self.rng
        industry = industry or rng.choices(self.industries, self.industry_weights)[0]
        if name is None:
            if "public" in industry:
                name = self._unique_name(
                    lambda: self._pick(industry["public"]).format(
                        city=place["city"], country=place["country"]
                    )
                )
            else:
                name = self._unique_name(
                    lambda: f"{self._pick(self.companies['stems'])} {self._pick(industry['words'])}"
                )
        if kind is None and self.kind_deck:
            kind = self.kind_deck.pop()
        kind = kind or rng.choices(("customer", "prospect", "partner"), (76, 17, 7))[0]
        if owner is None:
            owner = DEMO_OWNER if rng.random() < 0.85 else self._pick(self.colleagues)
        domain = f"{_ascii(domain_stem or name)}.{place['tld']}"
        revenue_dollars = int(math.exp(rng.uniform(math.log(2e7), math.log(3e10))))
        if kind == "customer":
            mrr = int(math.exp(rng.uniform(math.log(800), math.log(160_000)))) // 10 * 1000
        elif kind == "partner":
            mrr = self._pick((0, self._int(10, 400) * 1000))
        else:
            mrr = 0
        account_id = self.new_id()
        site = self._pick(place["sites"])
        ctx = {
            "site": site,
            "cloud": self._pick(self.companies["clouds"]),
            "comp": self._pick(self.companies["competitors"]),
            "kw": self._pick((8, 10, 12, 15, 20, 30)),
            "racks": self._pick((4, 6, 8, 10, 12, 20, 40)),
            "product": self._pick(self.companies["products"]),
        }
        health = health_reason = churn = churn_reason = nps = next_review = None
        if kind in ("customer", "partner"):
            if kind == "customer" and self.health_deck:
                health = self.health_deck.pop()
            else:
                weights = (60, 28, 12) if kind == "customer" else (80, 20, 0)
                health = rng.choices(E.HEALTH, weights)[0]
            health_reason = self._pick(self.companies["health_reasons"][health]).format(**ctx)
            churn = rng.choices(
                E.CHURN_RISK,
                {"green": (55, 40, 5, 0), "amber": (5, 35, 45, 15), "red": (0, 5, 35, 60)}[health],
            )[0]
            churn_reason = self._pick(self.companies["churn_reasons"][churn]) or None
            low, high = {"green": (25, 80), "amber": (-15, 40), "red": (-70, 5)}[health]
            nps = self._int(low, high)
            if kind == "customer":
                next_review = self._days(self._int(-7, 110))
        if revenue_dollars > 5e9:
            segment = "Global enterprise"
        elif revenue_dollars > 1e9:
            segment = "Enterprise"
        elif revenue_dollars > 2e8:
            segment = "Mid-market"
        else:
            segment = "Commercial"
        if kind == "prospect":
            description = (
                f"Prospect in {industry['industry'].lower()}. Runs its own server rooms"
                f" and some racks with {ctx['comp']}; looking at {ctx['product']}."
            )
        else:
            description = (
                f"{industry['industry']} {kind}, HQ {place['city']}. Colocation in"
                f" {site} ({ctx['racks']} racks, {ctx['kw']} kW/rack), cross-connects"
                f" to {ctx['cloud']}."
            )
        account = {
            "id": account_id,
            "name": name,
            "parent_id": parent_id,
            "industry": industry["industry"],
            "segment": segment,
            "type": kind,
            "owner": owner,
            "website": f"https://www.{domain}",
            "phone": f"{place['phone']} {self._int(1000, 9999)} {self._int(1000, 9999)}",
            "street": f"{self._pick(place['streets'])} {self._int(1, 180)}",
            "city": place["city"],
            "country": place["country"],
            "mrr_cents": mrr,
            "annual_revenue_cents": revenue_dollars * 100,
            "currency": DEMO_CURRENCY,
            "tier": tier_for(mrr),
            "health": health,
            "health_reason": health_reason,
            "churn_risk": churn,
            "churn_reason": churn_reason,
            "nps": nps,
            "next_review": next_review,
            "description": description,
        }
        self.book["accounts"].append(account)
        contacts = self._contacts(account, place, domain)
        opportunities = self._opportunities(account, ctx)
        self._contracts(account, ctx)
        self._notes(account, contacts, opportunities, ctx)
        self._tasks(account, contacts, opportunities, ctx)
        return account

    # -- people --------------------------------------------------------------------------------

    def _contacts(self, account: dict, place: dict, domain: str) -> list[tuple[dict, _Person]]:
        rng = self.rng
        # Bigger customers: more people in the map and more notes, as in a real book.
        count = {"strategic": self._int(5, 8), "enterprise": self._int(4, 8)}.get(
            account["tier"], self._int(3, 7)
        )
        tops = 1 if count < 5 else (2 if count < 7 else 3)
        directors = max(1, (count - tops + 1) // 2)
        managers = count - tops - directors
        positions = self.people["positions"]
        made: list[tuple[dict, _Person]] = []
        used_names: set[str] = set()

        def add(title: str, role: str, reports_to: str | None) -> dict:
            locale = place["locale"]
            if locale in ("ja", "zh", "el"):
                locale = locale if rng.random() < 0.75 else "en"
            elif rng.random() < 0.08:
                locale = self._pick(("ja", "zh", "el", "en", "fr", "de"))
            person = self._person(locale)
            while person.name in used_names:
                person = self._person(locale)
            used_names.add(person.name)
            if role == "blocker":
                stance = rng.choices(E.STANCES, (10, 40, 50))[0]
            elif role == "champion":
                stance = rng.choices(E.STANCES, (85, 15, 0))[0]
            else:
                stance = rng.choices(E.STANCES, (45, 42, 13))[0]
            contact = {
                "id": self.new_id(),
                "account_id": account["id"],
                "name": person.name,
                "title": title,
                "email": f"{person.email_local}@{domain}",
                "phone": f"{place['phone']} {self._int(1000, 9999)} {self._int(100, 999)}",
                "reports_to_id": reports_to,
                "role": role,
                "stance": stance,
                "last_contacted": None,
            }
            self.book["contacts"].append(contact)
            made.append((contact, person))
            return contact

        top_positions = rng.sample(positions["top"], tops)
        # The CEO, when there is one, sits above the other executives.
        top_positions.sort(key=lambda p: p[0] != "Chief Executive Officer")
        top_rows = []
        for title, role in top_positions:
            above = (
                top_rows[0]["id"]
                if top_rows and top_rows[0]["title"].endswith("Executive Officer")
                else None
            )
            top_rows.append(add(title, role, above))
        director_rows = [
            add(title, role, self._pick(top_rows)["id"])
            for title, role in rng.sample(positions["directors"], directors)
        ]
        for title, role in rng.sample(positions["managers"], managers):
            add(title, role, self._pick(director_rows)["id"])
        return made

    # -- deals and contracts -------------------------------------------------------------------

    def _opportunities(self, account: dict, ctx: dict) -> list[dict]:
        rng = self.rng
        kind = account["type"]
        count = {
            "customer": self._int(1, 4),
            "prospect": self._int(1, 2),
            "partner": self._int(0, 1),
        }[kind]
        made = []
        for _ in range(count):
            if kind == "prospect":
                opp_type = "new_business"
            elif self.type_deck:
                opp_type = self.type_deck.pop()
            else:
                opp_type = rng.choices(E.OPPORTUNITY_TYPES, (1, 3, 2, 2))[0]
            if self.stage_deck:
                stage = self.stage_deck.pop()
            else:
                stage = rng.choices(E.STAGES, (2, 2, 2, 2, 1.5, 2, 1.3))[0]
            if opp_type == "renewal" and account["mrr_cents"]:
                mrr = max(100_000, account["mrr_cents"] * self._int(30, 100) // 100)
            elif opp_type == "new_business":
                mrr = self._int(5, 80) * 100_000
            else:
                mrr = self._int(8, 200) * 10_000
            term = self._pick((12, 24, 36, 36, 60))
            closed = stage in E.CLOSED_STAGES
            probability = E.STAGE_PROBABILITY[stage]
            if not closed and stage != "prospecting":
                probability = max(5, min(95, probability + self._pick((-10, -5, 0, 0, 5, 10))))
            if stage == "closed_won":
                forecast = "closed"
            elif stage == "closed_lost":
                forecast = "omitted"
            elif stage == "negotiation":
                forecast = rng.choices(("commit", "best_case"), (4, 1))[0]
            elif stage == "proposal":
                forecast = rng.choices(("best_case", "commit", "pipeline"), (3, 1, 1))[0]
            else:
                forecast = rng.choices(("pipeline", "omitted"), (19, 1))[0]
            values = self._fill_values(ctx, None, None)
            name = self._pick(self.templates["opportunities"][opp_type]).format(**values)
            competitor = None
            if stage == "closed_lost" or rng.random() < 0.55:
                competitor = self._pick(self.companies["competitors"])
            opp = {
                "id": self.new_id(),
                "account_id": account["id"],
                "name": name,
                "type": opp_type,
                "stage": stage,
                "amount_cents": mrr * term + mrr,  # contract value plus a month of set-up fees
                "mrr_cents": mrr,
                "currency": DEMO_CURRENCY,
                "close_date": self._days(-self._int(5, 270) if closed else self._int(-12, 180)),
                "probability": probability,
                "forecast_category": forecast,
                "next_step": None
                if closed
                else self._pick(self.companies["next_steps"]).format(
                    site=ctx["site"], name="their CIO"
                ),
                "competitor": competitor,
            }
            self.book["opportunities"].append(opp)
            made.append(opp)
        return made

    def _contracts(self, account: dict, ctx: dict) -> None:
        rng = self.rng
        kind = account["type"]
        if kind == "prospect":
            return
        active = self._int(1, 3) if kind == "customer" else (1 if account["mrr_cents"] else 0)
        shares = [self._int(1, 5) for _ in range(active)]
        left = account["mrr_cents"]
        for index, share in enumerate(shares):
            mrr = left if index == active - 1 else account["mrr_cents"] * share // sum(shares)
            left -= mrr
            scenario = (
                self.contract_deck.pop()
                if self.contract_deck
                else rng.choices(("deadline_soon", "deadline_passed", "normal"), (1, 1, 8))[0]
            )
            self._contract(account, ctx, mrr, scenario)
        if kind == "customer" and rng.random() < 0.2:
            self._contract(account, ctx, self._int(5, 300) * 10_000, "ended")

    def _contract(self, account: dict, ctx: dict, mrr: int, scenario: str) -> None:
        rng = self.rng
        notice = rng.choices((30, 60, 90, 180), (2, 2, 3, 1))[0]
        term = self._pick((12, 24, 36, 36, 60))
        status = "active"
        if scenario == "deadline_soon":  # notice deadline 1..85 days ahead
            end = self.today + dt.timedelta(days=notice + self._int(1, 85))
        elif scenario == "deadline_passed":  # too late to give notice, contract still running
            end = self.today + dt.timedelta(days=self._int(1, notice - 1))
        elif scenario == "ended":
            end = self.today - dt.timedelta(days=self._int(10, 400))
            status = rng.choices(("expired", "terminated"), (3, 1))[0]
        else:
            end = self.today + dt.timedelta(days=notice + self._int(90, 900))
        start = add_months(end + dt.timedelta(days=1), -term)
        if start > self.today:  # a term shorter than the time left: it started recently instead
            start = self.today - dt.timedelta(days=self._int(1, 60))
            end = add_months(start, term) - dt.timedelta(days=1)
        self.contract_seq += 1
        self.book["contracts"].append(
            {
                "id": self.new_id(),
                "account_id": account["id"],
                "number": f"{ctx['site']}-{start.year}-{self.contract_seq:05d}",
                "start_date": start.isoformat(),
                "term_months": term,
                "end_date": end.isoformat(),
                "notice_days": notice,
                "auto_renew": self._pick((0, 1, 1)),
                "mrr_cents": mrr,
                "currency": DEMO_CURRENCY,
                "status": status,
            }
        )

    # -- notes and tasks -----------------------------------------------------------------------

    def _fill_values(self, ctx: dict, a: _Person | None, b: _Person | None) -> dict:
        quarter = ((self.today.month - 1) // 3 + self._int(0, 2)) % 4 + 1
        return {
            **ctx,
            "a": a.short if a else "",
            "b": b.short if b else "",
            "n": self._int(2, 8),
            "port": self._pick(("10G", "10G", "100G", "1G")),
            "day": self._pick(_WEEKDAYS),
            "q": f"Q{quarter}",
            "k": self._int(4, 120),
        }

    def _notes(self, account: dict, contacts: list, opportunities: list, ctx: dict) -> None:
        rng = self.rng
        kind = account["type"]
        count = self.notes_per_account
        if count is None:
            count = {
                "customer": self._int(12, 22)
                if account["tier"] == "strategic"
                else self._int(6, 16),
                "prospect": self._int(3, 7),
                "partner": self._int(2, 5),
            }[kind]
        risk_rate = {"red": 0.35, "amber": 0.15, "green": 0.04, None: 0.03}[account["health"]]
        routine, risky = self.templates["routine"], self.templates["risk"]
        notes = self.book["notes"]
        last_seen: dict[str, str] = {}
        occurred = []
        for _ in range(count):
            day = self.today - dt.timedelta(days=self._int(1, 270))
            if day.weekday() >= 5:
                day -= dt.timedelta(days=day.weekday() - 4)
            minute = self._int(8 * 60, 18 * 60 + 30)
            occurred.append(f"{day.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00")
        occurred.sort()  # time-ordered ids follow the order notes were taken
        for when in occurred:
            first = self._int(0, len(contacts) - 1)
            ca, pa = contacts[first]
            pb = contacts[(first + self._int(1, len(contacts) - 1)) % len(contacts)][1]
            if pa.short == pb.short:  # "Met Tom + Tom" reads wrong; take the next person
                pb = contacts[(first + 1) % len(contacts)][1]
            note_kind, title, body = self._pick(risky if rng.random() < risk_rate else routine)
            values = self._fill_values(ctx, pa, pb)
            opp = self._pick(opportunities) if opportunities and rng.random() < 0.3 else None
            notes.append(
                {
                    "id": self.new_id(),
                    "account_id": account["id"],
                    "contact_id": ca["id"],
                    "opportunity_id": opp["id"] if opp else None,
                    "kind": note_kind,
                    "title": title.format(**values),
                    "body": body.format(**values),
                    "occurred_at": when,
                    "author": account["owner"],
                }
            )
            last_seen[ca["id"]] = when[:10]
        for contact, _ in contacts:
            contact["last_contacted"] = last_seen.get(contact["id"])

    def _tasks(self, account: dict, contacts: list, opportunities: list, ctx: dict) -> None:
        rng = self.rng
        kind = account["type"]
        count = {
            "customer": self._int(1, 5),
            "prospect": self._int(1, 3),
            "partner": self._int(0, 2),
        }[kind]
        today = self.today
        for _ in range(count):
            contact, person = self._pick(contacts)
            status = rng.choices(E.TASK_STATUSES, (60, 35, 5))[0]
            task_kind = None
            if status != "open":
                due = today - dt.timedelta(days=self._int(1, 120))
            else:
                if account["owner"] == DEMO_OWNER and self.task_deck:
                    when, task_kind = self.task_deck.pop()
                else:
                    when = rng.choices(("overdue", "today", "this_week", "later"), (2, 1, 2, 5))[0]
                if when == "overdue":
                    due = today - dt.timedelta(days=self._int(1, 21))
                elif when == "today":
                    due = today
                elif when == "this_week":
                    due = today + dt.timedelta(days=self._int(0, max(0, 6 - today.weekday())))
                else:
                    due = today + dt.timedelta(days=self._int(7, 60))
            task_kind = task_kind or rng.choices(E.TASK_KINDS, (3, 3, 2, 3))[0]
            values = self._fill_values(ctx, person, None)
            opp = self._pick(opportunities) if opportunities and rng.random() < 0.4 else None
            self.book["tasks"].append(
                {
                    "id": self.new_id(),
                    "account_id": account["id"],
                    "contact_id": contact["id"],
                    "opportunity_id": opp["id"] if opp else None,
                    "subject": self._pick(self.templates["tasks"][task_kind]).format(**values),
                    "kind": task_kind,
                    "due_date": due.isoformat(),
                    "priority": rng.choices(E.PRIORITIES, (2, 5, 2))[0],
                    "status": status,
                }
            )


def generate_book(
    seed: int = 7,
    accounts: int = 60,
    today: dt.date | None = None,
    notes_per_account: int | None = None,
) -> dict[str, list[dict]]:
    """A book of business: table name -> records (with ``id``), parents before children.

    Values are in store form (integer cents, ISO dates and date-times). Deterministic for a
    given (seed, accounts, today, notes_per_account).
    """
    today = today or dt.date.today()
    return _BookMaker(seed, today, notes_per_account).make(accounts)


def load_book(store: Store, book: dict[str, list[dict]]) -> None:
    """Insert ``book`` into ``store`` as if it had just been synced: no outbox rows.

    One transaction; listeners hear it as a sync change. Rows go in a table at a time through
    ``Store.insert_synced`` (one statement per table, which keeps full-text indexing fast).
    """
    db = store.db
    with store.transaction(origin="sync") as changes:
        # A big cache keeps the id and full-text indexes in memory while a large book goes in.
        previous_cache = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute("PRAGMA cache_size = -262144")
        try:
            for entity in E.ENTITIES:
                rows = book.get(entity.table) or []
                if not rows:
                    continue
                store.insert_synced(entity.table, ((r["id"], r) for r in rows))
                changes.tables.setdefault(entity.table, set()).update(r["id"] for r in rows)
        finally:
            db.execute(f"PRAGMA cache_size = {previous_cache}")


def ensure_demo_store(path: Path | str, seed: int = 7, today: dt.date | None = None) -> Store:
    """The store at ``path``, filled with the demo book on first use; quick when it exists."""
    store = Store.open(path)
    if store.account_count() == 0:
        load_book(store, generate_book(seed=seed, today=today))
    return store


__all__ = ["DEMO_OWNER", "ensure_demo_store", "generate_book", "load_book", "tier_for"]
