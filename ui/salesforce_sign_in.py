"""Connect to Salesforce: the sign-in form (for the welcome page or a dialog).

The rep picks Production, Sandbox or their company's My Domain, and the consumer key of the
connected app (preset by IT when the provisioning file names it). *Connect to Salesforce*
opens the system browser on Salesforce's own sign-in page; Fieldbook waits on the loopback
port for the answer, off the GUI thread, and keeps the tokens in the system keyring only.

For the welcome page's registry of CRM kinds: ``CRM_KIND`` (see ``docs/salesforce.md``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sync.salesforce import connector as sf

from .operations import Task

ENVIRONMENTS = ("production", "sandbox", "my_domain")


class SalesforceSignInForm(QWidget):
    """``signed_in`` carries (connector, settings to remember); ``failed`` the sentence shown."""

    signed_in = Signal(object, dict)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        login_url: str = "",
        consumer_key: str = "",
        port: int = sf.DEFAULT_PORT,
        locked: bool = False,
        sign_in_function: Callable[..., sf.SalesforceConnector] = sf.sign_in_with_browser,
    ):
        super().__init__(parent)
        self._sign_in = sign_in_function
        self.task: Task | None = None
        self.connector: sf.SalesforceConnector | None = None

        intro = QLabel(
            self.tr(
                "Fieldbook opens Salesforce's sign-in page in your browser. Your password "
                "goes to Salesforce only; Fieldbook keeps its access in the system keyring."
            )
        )
        intro.setWordWrap(True)
        self.environment = QComboBox()
        self.environment.addItem(self.tr("Production (login.salesforce.com)"), "production")
        self.environment.addItem(self.tr("Sandbox (test.salesforce.com)"), "sandbox")
        self.environment.addItem(self.tr("My Domain"), "my_domain")
        self.domain_edit = QLineEdit()
        self.domain_edit.setPlaceholderText(self.tr("https://yourcompany.my.salesforce.com"))
        self.key_edit = QLineEdit(consumer_key)
        self.key_edit.setPlaceholderText(self.tr("Consumer key, from your Salesforce admin"))
        self.port_edit = QSpinBox()
        self.port_edit.setRange(1024, 65535)
        self.port_edit.setValue(port)
        form = QFormLayout()
        form.addRow(self.tr("Salesforce"), self.environment)
        form.addRow(self.tr("My Domain address"), self.domain_edit)
        form.addRow(self.tr("Consumer key"), self.key_edit)
        form.addRow(self.tr("Callback port"), self.port_edit)
        self._form = form
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("signInError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.connect_button = QPushButton(self.tr("Connect to Salesforce"))
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.start_sign_in)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.connect_button)
        layout.addWidget(self.cancel_button)
        self._set_login(login_url)
        self.environment.currentIndexChanged.connect(self._environment_changed)
        self._environment_changed()
        for widget in (self.environment, self.domain_edit, self.key_edit, self.port_edit):
            widget.setEnabled(not locked)

    def _set_login(self, login_url: str) -> None:
        if login_url in ("", "production", sf.login_host("production")):
            self.environment.setCurrentIndex(0)
        elif login_url in ("sandbox", sf.login_host("sandbox")):
            self.environment.setCurrentIndex(1)
        else:
            self.environment.setCurrentIndex(2)
            self.domain_edit.setText(login_url)

    def _environment_changed(self) -> None:
        mine = self.environment.currentData() == "my_domain"
        self.domain_edit.setVisible(mine)
        self._form.labelForField(self.domain_edit).setVisible(mine)

    def login_url(self) -> str:
        choice = self.environment.currentData()
        return self.domain_edit.text().strip() if choice == "my_domain" else choice

    # -- signing in ------------------------------------------------------------------------

    def open_browser(self, url: str) -> None:
        """Open Salesforce's sign-in page in the system browser (tests replace this)."""
        QDesktopServices.openUrl(QUrl(url))

    def start_sign_in(self) -> None:
        if self.environment.currentData() == "my_domain" and not self.domain_edit.text().strip():
            self.show_error(self.tr("Please enter your My Domain address."))
            return
        if not self.key_edit.text().strip():
            self.show_error(self.tr("Please enter the consumer key of your connected app."))
            return
        args = (self.login_url(), self.key_edit.text().strip(), self.port_edit.value())
        self._set_busy(True)
        sign_in_with = self._sign_in

        def work(control):
            return sign_in_with(
                *args,
                open_browser=lambda url: control.report(url),  # opened on the GUI thread
                cancelled=control.is_cancelled,
            )

        self.task = (
            Task(self, work, name="salesforce-sign-in")
            .progress(self._progressed)
            .success(self._on_success)
            .failure(self._on_failure)
            .cancelled(lambda: self._set_busy(False))
            .run_in_background()
        )

    def _progressed(self, url) -> None:
        if isinstance(url, str):
            self.status_label.setText(
                self.tr("Sign in to Salesforce in your browser, then come back here.")
            )
            self.status_label.show()
            self.open_browser(url)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.environment, self.domain_edit, self.key_edit, self.port_edit):
            widget.setEnabled(not busy)
        self.connect_button.setEnabled(not busy)
        self.connect_button.setText(
            self.tr("Waiting for the browser…") if busy else self.tr("Connect to Salesforce")
        )
        self.cancel_button.setVisible(busy)
        if busy:
            self.error_label.hide()
        else:
            self.status_label.hide()

    def _on_success(self, connector: sf.SalesforceConnector) -> None:
        self._set_busy(False)
        self.connector = connector
        self.signed_in.emit(connector, sf.settings_of(connector, self.port_edit.value()))

    def _on_failure(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_error(self.message_for(exc))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.failed.emit(text)

    def message_for(self, exc: BaseException) -> str:
        """What went wrong and what to do, in words a rep understands."""
        cause = getattr(exc, "cause", None)
        if cause == "port":
            return self.tr(
                "Port {} on this computer is in use. Close the program using it, or ask IT "
                "which callback port your connected app has."
            ).format(self.port_edit.value())
        if cause == "unreachable":
            return self.tr(
                "Salesforce cannot be reached. Check your network connection and try again."
            )
        if cause == "denied":
            return self.tr(
                "Salesforce did not let Fieldbook in. Check the consumer key, or ask your "
                "Salesforce admin to allow the connected app for you."
            )
        if cause == "address":
            return self.tr(
                "This is not a Salesforce address. Enter it like "
                "https://yourcompany.my.salesforce.com."
            )
        if cause == "cancelled":
            return self.tr("Sign-in was cancelled or took too long. Try again.")
        if cause == "keyring":
            return str(exc)
        return self.tr("Salesforce could not sign you in ({}). Try again later, or ask IT.").format(
            getattr(exc, "message", str(exc))
        )


class SalesforceSignInDialog(QDialog):
    """The form in a dialog (the Sync menu, or when Salesforce asks to sign in again)."""

    signed_in = Signal(object, dict)

    def __init__(self, parent: QWidget | None = None, **form_args):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to Salesforce"))
        self.form = SalesforceSignInForm(self, **form_args)
        self.form.signed_in.connect(self._signed_in)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.setMinimumWidth(480)

    def _signed_in(self, connector, settings: dict) -> None:
        self.signed_in.emit(connector, settings)
        self.accept()

    def reject(self) -> None:
        self.form.cancel()
        super().reject()


def open_sign_in_dialog(session) -> SalesforceSignInDialog:
    """The dialog for the app's session (``ui.app.Session``), prefilled from the profile; on
    success that user's Salesforce profile is opened (or kept, when it is this one)."""
    from desktop import paths

    login, key, port = (session.context.store.preference(k) or "" for k in sf.SETTINGS)
    if getattr(session.connector, "name", None) == "Salesforce":
        login, key = session.connector.login_url, session.connector.consumer_key
    dialog = SalesforceSignInDialog(
        session.window,
        login_url=login,
        consumer_key=key,
        port=int(port) if str(port).isdigit() else sf.DEFAULT_PORT,
    )

    def signed_in(connector, settings: dict) -> None:
        profile = paths.profile_slug(connector.user_id, connector.login_url, "salesforce")
        if session.context is not None and session.context.profile == profile:
            session.connector = connector
            session.controller.reset_engine()
            return
        session.switch_to(profile, connector, settings)

    dialog.signed_in.connect(signed_in)
    dialog.open()
    return dialog


def display_name() -> str:
    return QCoreApplication.translate("salesforce", "Salesforce")


# What the welcome page's registry of CRM kinds needs (h13): an id, a display name, the
# connector from saved settings, and the sign-in widget.
CRM_KIND = {
    "kind": sf.KIND,
    "display_name": display_name,
    "connector_from_settings": sf.from_settings,
    "sign_in_widget": SalesforceSignInForm,
}
