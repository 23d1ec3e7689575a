"""The demo book's accounts (groups and their subsidiaries) and their people."""

from __future__ import annotations

import math

from . import entities as E
from .accounts import tier_for
from .demo_activity import ActivityMaker
from .demo_base import DEMO_CURRENCY, DEMO_OWNER, _ascii, _Person


class BookMaker(ActivityMaker):
    """Builds one book; every random choice comes from one seeded generator, in a fixed order."""

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
        top_rows: list[dict] = []
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
