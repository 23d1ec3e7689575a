"""The demo book's deals, contracts, notes and tasks, made per account."""

from __future__ import annotations

import datetime as dt

from . import entities as E
from .clock import add_months
from .demo_base import _WEEKDAYS, DEMO_CURRENCY, DEMO_OWNER, MakerBase, _Person


class ActivityMaker(MakerBase):
    """What happens on an account: its opportunities, contracts, notes and tasks."""

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
