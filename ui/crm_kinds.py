"""The connect forms of the welcome page, one per CRM kind (``sync/kinds.py`` is the core's list).

A kind's form is a widget that knows what a rep types for that CRM and returns the work that
tests or makes the connection; the welcome page runs that work off the GUI thread and words the
outcome. Adding a CRM to the welcome page is one ``register_form`` line (the Salesforce sign-in
registers its own form from ``ui/salesforce_sign_in.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.provisioning import Provisioning
from sync import kinds

Work = Callable[[Any], Any]  # what a Task runs: control -> result


class ConnectForm(QWidget):
    """What a rep types for one kind of CRM. Subclasses build the fields.

    A form with ``own_sign_in`` (a browser sign-in) brings its own button and emits
    ``signed_in(connector, settings to remember)``; the welcome page then hides its Test and
    Connect buttons for it.
    """

    kind_key = kinds.DEFAULT_KIND
    own_sign_in = False
    signed_in = Signal(object, dict)

    def missing(self) -> list[str]:
        """Names of the fields still empty (in the rep's language)."""
        return []

    def test_work(self) -> Work:
        """Sign in once and keep nothing (``Test connection``)."""
        raise NotImplementedError

    def connect_work(self) -> Work:
        """Sign in for good: returns the signed-in connector."""
        raise NotImplementedError

    def set_busy(self, busy: bool) -> None:
        self.setEnabled(not busy)

    def focus_first_empty(self) -> None:
        """Put the cursor where the rep types next."""


class TrytonForm(ConnectForm):
    """Address, database, user name and password of a Tryton CRM with the fieldbook module."""

    kind_key = "tryton"

    def __init__(self, presets: Provisioning, parent: QWidget | None = None):
        super().__init__(parent)
        self.url_edit = QLineEdit(presets.get("crm", "url") or "")
        self.url_edit.setPlaceholderText(self.tr("https://crm.example.com"))
        self.database_edit = QLineEdit(presets.get("crm", "database") or "")
        self.database_edit.setPlaceholderText(self.tr("Database name, from your IT team"))
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.locked = {
            name
            for name, edit in (("url", self.url_edit), ("database", self.database_edit))
            if presets.is_locked(f"crm.{name}")
        }
        for name in self.locked:
            edit = self.url_edit if name == "url" else self.database_edit
            edit.setReadOnly(True)
            edit.setToolTip(self.tr("Set by your IT department"))
        self.layout_form = QFormLayout(self)
        self.layout_form.setContentsMargins(0, 0, 0, 0)
        self.layout_form.addRow(self.tr("Server address"), self.url_edit)
        self.layout_form.addRow(self.tr("Database"), self.database_edit)
        self.layout_form.addRow(self.tr("User name"), self.user_edit)
        self.layout_form.addRow(self.tr("Password"), self.password_edit)

    def label_width(self) -> int:
        """The widest label, so the welcome page lines its own rows up with these."""
        labels = [
            self.layout_form.labelForField(edit)
            for edit in (self.url_edit, self.database_edit, self.user_edit, self.password_edit)
        ]
        return max(label.sizeHint().width() for label in labels if label is not None)

    def _values(self) -> tuple[str, str, str, str]:
        return (
            self.url_edit.text().strip(),
            self.database_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )

    def missing(self) -> list[str]:
        return [
            label
            for label, edit in (
                (self.tr("server address"), self.url_edit),
                (self.tr("database"), self.database_edit),
                (self.tr("user name"), self.user_edit),
                (self.tr("password"), self.password_edit),
            )
            if not edit.text().strip()
        ]

    def test_work(self) -> Work:
        values = self._values()
        kind = kinds.kind(self.kind_key)
        return lambda _control: kind.test(*values)

    def connect_work(self) -> Work:
        values = self._values()
        kind = kinds.kind(self.kind_key)
        return lambda _control: kind.sign_in(*values)

    def set_busy(self, busy: bool) -> None:
        for edit in (self.url_edit, self.database_edit, self.user_edit, self.password_edit):
            edit.setEnabled(not busy)

    def focus_first_empty(self) -> None:
        edits = (self.url_edit, self.database_edit, self.user_edit, self.password_edit)
        next((e for e in edits if not e.text()), self.password_edit).setFocus()

    def after_sign_in(self) -> None:
        self.password_edit.clear()  # in the keyring now, not in this widget


FormFactory = Callable[[Provisioning, QWidget | None], ConnectForm]
_FORMS: dict[str, tuple[str, FormFactory]] = {}


def register_form(key: str, label: str, factory: FormFactory) -> None:
    """Offer a kind of CRM on the welcome page; ``label`` is marked with QT_TRANSLATE_NOOP
    in the "crm_kinds" context."""
    _FORMS[key] = (label, factory)


def forms() -> list[tuple[str, str, FormFactory]]:
    """(key, translated label, factory) of every kind offered, in registration order."""
    return [
        (key, QCoreApplication.translate("crm_kinds", label), factory)
        for key, (label, factory) in _FORMS.items()
        if key in kinds.KINDS
    ]


def display_name(key: str | None) -> str:
    """A kind of CRM's name in the rep's language ("Salesforce"), or "" for no or an unknown
    kind."""
    if key in _FORMS:
        return QCoreApplication.translate("crm_kinds", _FORMS[key][0])
    if key in kinds.KINDS:
        return kinds.KINDS[key].label
    return ""


class SalesforceForm(ConnectForm):
    """Salesforce's own sign-in form (ui/salesforce_sign_in.py: OAuth in the browser), with IT's
    login address and consumer key filled in."""

    kind_key = "salesforce"
    own_sign_in = True

    def __init__(self, presets: Provisioning, parent: QWidget | None = None):
        super().__init__(parent)
        from .salesforce_sign_in import SalesforceSignInForm

        preset_kind = presets.get("crm", "kind")
        url = presets.get("crm", "url") if preset_kind == "salesforce" else None
        self.inner = SalesforceSignInForm(
            self,
            login_url=url or "",
            consumer_key=presets.get("crm", "salesforce_consumer_key") or "",
            locked=presets.is_locked("crm.url") and bool(url),
        )
        self.inner.signed_in.connect(self.signed_in)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)

    def focus_first_empty(self) -> None:
        """The first field left to type, else Connect itself: Enter signs in."""
        inner = self.inner
        edits = [e for e in (inner.domain_edit, inner.key_edit) if e.isVisible() and e.isEnabled()]
        next((e for e in edits if not e.text().strip()), inner.connect_button).setFocus()

    def set_busy(self, busy: bool) -> None:
        pass  # the inner form shows its own progress

    def cancel(self) -> None:
        self.inner.cancel()


register_form("tryton", QT_TRANSLATE_NOOP("crm_kinds", "Tryton"), TrytonForm)
register_form("salesforce", QT_TRANSLATE_NOOP("crm_kinds", "Salesforce"), SalesforceForm)
