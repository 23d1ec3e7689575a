"""Models of the Fieldbook Tryton module.

Field names are those a Tryton administrator would choose; the Fieldbook connector maps them to
its own (``sync/tryton/mapping.py``). Enumerations use the same names as Fieldbook, so a value
never changes meaning on the way.
"""

import uuid

from trytond.model import Index, ModelSQL, ModelView, Unique, fields
from trytond.pool import Pool, PoolMeta

ACCOUNT_TYPES = [
    (None, ""),
    ("customer", "Customer"),
    ("prospect", "Prospect"),
    ("partner", "Partner"),
]
TIERS = [
    (None, ""),
    ("strategic", "Strategic"),
    ("enterprise", "Enterprise"),
    ("growth", "Growth"),
    ("standard", "Standard"),
]
HEALTH = [(None, ""), ("green", "Green"), ("amber", "Amber"), ("red", "Red")]
CHURN_RISK = [(None, ""), ("none", "None"), ("low", "Low"), ("medium", "Medium"), ("high", "High")]
ROLES = [
    (None, ""),
    ("economic_buyer", "Economic buyer"),
    ("decision_maker", "Decision maker"),
    ("champion", "Champion"),
    ("influencer", "Influencer"),
    ("user", "User"),
    ("blocker", "Blocker"),
]
STANCES = [
    (None, ""),
    ("supporter", "Supporter"),
    ("neutral", "Neutral"),
    ("detractor", "Detractor"),
]
NOTE_KINDS = [
    (None, ""),
    ("meeting", "Meeting"),
    ("call", "Call"),
    ("email", "E-mail"),
    ("business_review", "Business review"),
    ("general", "General"),
]
OPPORTUNITY_TYPES = [
    (None, ""),
    ("new_business", "New business"),
    ("upsell", "Upsell"),
    ("cross_sell", "Cross-sell"),
    ("renewal", "Renewal"),
]
STAGES = [
    ("prospecting", "Prospecting"),
    ("qualification", "Qualification"),
    ("discovery", "Discovery"),
    ("proposal", "Proposal"),
    ("negotiation", "Negotiation"),
    ("closed_won", "Closed won"),
    ("closed_lost", "Closed lost"),
]
FORECAST = [
    (None, ""),
    ("pipeline", "Pipeline"),
    ("best_case", "Best case"),
    ("commit", "Commit"),
    ("closed", "Closed"),
    ("omitted", "Omitted"),
]
CONTRACT_STATUSES = [
    (None, ""),
    ("draft", "Draft"),
    ("active", "Active"),
    ("expired", "Expired"),
    ("terminated", "Terminated"),
]
TASK_KINDS = [
    (None, ""),
    ("call", "Call"),
    ("email", "E-mail"),
    ("meeting", "Meeting"),
    ("follow_up", "Follow-up"),
]
PRIORITIES = [(None, ""), ("low", "Low"), ("normal", "Normal"), ("high", "High")]
TASK_STATUSES = [("open", "Open"), ("done", "Done"), ("cancelled", "Cancelled")]


class Deletion(ModelSQL, ModelView):
    """A record deleted on the CRM, kept so Fieldbook pulls the deletion."""

    __name__ = "fieldbook.deletion"
    model = fields.Char("Model", required=True)
    record_uuid = fields.Char("Fieldbook id", required=True)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.create_date, Index.Range())))


class FieldbookRecord:
    """The client UUID every synced record carries, and the deletion log."""

    fieldbook_uuid = fields.Char("Fieldbook id", readonly=False, strip=False)

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_constraints += [
            ("fieldbook_uuid_unique", Unique(t, t.fieldbook_uuid), "fieldbook.msg_uuid_unique"),
        ]

    @classmethod
    def create(cls, vlist):
        # Records made in Tryton itself get an id too, so Fieldbook can refer to them.
        vlist = [dict(v) for v in vlist]
        for values in vlist:
            if not values.get("fieldbook_uuid"):
                values["fieldbook_uuid"] = str(uuid.uuid4())
        return super().create(vlist)

    @classmethod
    def copy(cls, records, default=None):
        default = dict(default or {})
        default.setdefault("fieldbook_uuid", None)
        return super().copy(records, default=default)

    @classmethod
    def delete(cls, records):
        Deletion = Pool().get("fieldbook.deletion")
        logged = [
            {"model": cls.__name__, "record_uuid": r.fieldbook_uuid}
            for r in records
            if r.fieldbook_uuid
        ]
        super().delete(records)
        if logged:
            Deletion.create(logged)


class Party(FieldbookRecord, metaclass=PoolMeta):
    __name__ = "party.party"
    # "internal": the company's own party, which is no account of a rep's book.
    fieldbook_kind = fields.Selection(
        [(None, ""), ("account", "Account"), ("contact", "Contact"), ("internal", "Internal")],
        "Fieldbook kind",
    )
    # Accounts (companies)
    parent_account = fields.Many2One("party.party", "Parent account", ondelete="SET NULL")
    industry = fields.Char("Industry")
    segment = fields.Char("Segment")
    account_type = fields.Selection(ACCOUNT_TYPES, "Account type")
    account_owner = fields.Char("Account owner")
    mrr = fields.Numeric("MRR", digits=(16, 2))
    annual_revenue = fields.Numeric("Annual revenue", digits=(16, 2))
    # ISO 4217 code of the amounts above; empty: the company's currency. A plain code rather
    # than a currency record, so a rep's CHF deal syncs even where IT never created CHF.
    fieldbook_currency = fields.Char("Currency (ISO code)", size=3)
    tier = fields.Selection(TIERS, "Tier")
    health = fields.Selection(HEALTH, "Health")
    health_reason = fields.Char("Health reason")
    churn_risk = fields.Selection(CHURN_RISK, "Churn risk")
    churn_reason = fields.Char("Churn risk reason")
    nps = fields.Integer(
        "NPS", domain=["OR", ("nps", "=", None), [("nps", ">=", -100), ("nps", "<=", 100)]]
    )
    next_review = fields.Date("Next business review")
    account_description = fields.Text("Account description")
    # Contacts (people)
    contact_of = fields.Many2One("party.party", "Contact of", ondelete="CASCADE")
    job_title = fields.Char("Job title")
    reports_to = fields.Many2One("party.party", "Reports to", ondelete="SET NULL")
    deal_role = fields.Selection(ROLES, "Role in the deal")
    stance = fields.Selection(STANCES, "Stance")
    last_contacted = fields.Date("Last contacted")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.contact_of, Index.Range())))


class Opportunity(FieldbookRecord, metaclass=PoolMeta):
    __name__ = "sale.opportunity"
    opportunity_type = fields.Selection(OPPORTUNITY_TYPES, "Opportunity type")
    stage = fields.Selection(STAGES, "Stage")
    mrr = fields.Numeric("MRR", digits=(16, 2))
    # ISO 4217 code of the amounts above; empty: the company's currency. A plain code rather
    # than a currency record, so a rep's CHF deal syncs even where IT never created CHF.
    fieldbook_currency = fields.Char("Currency (ISO code)", size=3)
    forecast_category = fields.Selection(FORECAST, "Forecast category")
    next_step = fields.Char("Next step")
    competitor = fields.Char("Competitor")

    @classmethod
    def default_stage(cls):
        return "prospecting"

    @classmethod
    def check_modification(cls, mode, opportunities, values=None, external=False):
        # Fieldbook deletes opportunities a rep deleted; Tryton only allows it once cancelled,
        # so cancel those still open first instead of refusing.
        if mode == "delete":
            open_ = [o for o in opportunities if o.state not in {"cancelled", "draft"}]
            if open_:
                cls.write(open_, {"state": "cancelled"})
        super().check_modification(mode, opportunities, values=values, external=external)


class Note(FieldbookRecord, metaclass=PoolMeta):
    __name__ = "ir.note"
    note_kind = fields.Selection(NOTE_KINDS, "Kind")
    title = fields.Char("Title")
    occurred_at = fields.DateTime("Occurred at")
    contact = fields.Many2One("party.party", "Contact", ondelete="SET NULL")
    opportunity = fields.Many2One("sale.opportunity", "Opportunity", ondelete="SET NULL")
    author = fields.Char("Author")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        # Tryton keeps a note's text as first written; a rep corrects typos in meeting notes,
        # and every change is still traced by write_date and Fieldbook's conflict handling.
        cls.message.states = {**cls.message.states, "readonly": False}


class Contract(FieldbookRecord, ModelSQL, ModelView):
    """A customer contract: what a rep must renew or give notice on in time."""

    __name__ = "fieldbook.contract"
    party = fields.Many2One("party.party", "Account", required=True, ondelete="CASCADE")
    number = fields.Char("Number", required=True)
    start_date = fields.Date("Start date", required=True)
    term_months = fields.Integer("Term (months)")
    end_date = fields.Date("End date")
    notice_days = fields.Integer("Notice period (days)")
    auto_renew = fields.Boolean("Auto-renew")
    mrr = fields.Numeric("MRR", digits=(16, 2))
    # ISO 4217 code of the amounts above; empty: the company's currency. A plain code rather
    # than a currency record, so a rep's CHF deal syncs even where IT never created CHF.
    fieldbook_currency = fields.Char("Currency (ISO code)", size=3)
    status = fields.Selection(CONTRACT_STATUSES, "Status")

    @classmethod
    def __setup__(cls):
        super().__setup__()
        t = cls.__table__()
        cls._sql_indexes.add(Index(t, (t.party, Index.Range())))


class Task(FieldbookRecord, ModelSQL, ModelView):
    """A rep's follow-up: call, e-mail, meeting."""

    __name__ = "fieldbook.task"
    party = fields.Many2One("party.party", "Account", required=True, ondelete="CASCADE")
    contact = fields.Many2One("party.party", "Contact", ondelete="SET NULL")
    opportunity = fields.Many2One("sale.opportunity", "Opportunity", ondelete="SET NULL")
    subject = fields.Char("Subject", required=True)
    task_kind = fields.Selection(TASK_KINDS, "Kind")
    due_date = fields.Date("Due date")
    priority = fields.Selection(PRIORITIES, "Priority")
    status = fields.Selection(TASK_STATUSES, "Status", required=True)

    @classmethod
    def default_status(cls):
        return "open"
