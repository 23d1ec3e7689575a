"""Signing in to the CRM, and signing out.

The dialog asks for the server address, database, user name and password, signs in off the GUI
thread and says in plain words what went wrong (wrong password, server unreachable, not a server
address, certificate not trusted). The password and session token go to the OS keyring only.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from sync.tryton.connector import SignInFailed, TrytonConnector, sign_in

from .operations import Task, run_in_background

SignInFunction = Callable[[str, str, str, str], TrytonConnector]


class SignInDialog(QDialog):
    """Sign in to a Tryton CRM; ``signed_in`` carries the signed-in connector."""

    signed_in = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        url: str = "",
        database: str = "",
        user: str = "",
        sign_in_function: SignInFunction = sign_in,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to your CRM"))
        self.connector: TrytonConnector | None = None
        self._sign_in = sign_in_function
        self.task: Task | None = None

        intro = QLabel(
            self.tr(
                "Fieldbook keeps a copy of your book of business on this "
                "computer and syncs it with your company's CRM."
            )
        )
        intro.setWordWrap(True)
        self.url_edit = QLineEdit(url)
        self.url_edit.setPlaceholderText(self.tr("https://crm.example.com"))
        self.database_edit = QLineEdit(database)
        self.database_edit.setPlaceholderText(self.tr("Database name, from your IT team"))
        self.user_edit = QLineEdit(user)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.url_edit)
        form.addRow(self.tr("Database"), self.database_edit)
        form.addRow(self.tr("User name"), self.user_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("signInError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.keyring_note = QLabel(
            self.tr("Your password is kept in the system keyring, never in Fieldbook's files.")
        )
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = self.buttons.addButton(
            self.tr("Sign in"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.start_sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        first_empty = next(
            (e for e in (self.url_edit, self.database_edit, self.user_edit) if not e.text()),
            self.password_edit,
        )
        first_empty.setFocus()

    def start_sign_in(self) -> None:
        """Sign in off the GUI thread with what was typed."""
        missing = [
            label
            for label, edit in (
                (self.tr("server address"), self.url_edit),
                (self.tr("database"), self.database_edit),
                (self.tr("user name"), self.user_edit),
                (self.tr("password"), self.password_edit),
            )
            if not edit.text().strip()
        ]
        if missing:
            self.show_error(self.tr("Please enter the {}.").format(", ".join(missing)))
            return
        self._set_busy(True)
        args = (
            self.url_edit.text().strip(),
            self.database_edit.text().strip(),
            self.user_edit.text().strip(),
            self.password_edit.text(),
        )
        sign_in_with = self._sign_in
        self.task = (
            Task(self, lambda _control: sign_in_with(*args), name="sign-in", busy_cursor=True)
            .success(self._on_success)
            .failure(self._on_failure)
            .cancelled(lambda: None)  # the rep closed the dialog: a late answer changes nothing
            .run_in_background()
        )

    def reject(self) -> None:
        """Cancel (or Esc) while signing in: the answer, when it comes, is dropped."""
        if self.task is not None:
            self.task.cancel()
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        for widget in (
            self.url_edit,
            self.database_edit,
            self.user_edit,
            self.password_edit,
            self.sign_in_button,
        ):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        if busy:
            self.error_label.hide()

    def _on_success(self, connector: TrytonConnector) -> None:
        self._set_busy(False)
        self.password_edit.clear()  # kept in the keyring now, not in this widget
        self.connector = connector
        self.signed_in.emit(connector)
        self.accept()

    def _on_failure(self, exc: Exception) -> None:
        self._set_busy(False)
        self.show_error(self.message_for(exc))
        if isinstance(exc, SignInFailed) and exc.cause == "password":
            self.password_edit.selectAll()
            self.password_edit.setFocus()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.failed.emit(text)

    def message_for(self, exc: Exception) -> str:
        """What went wrong and what to do, in words a rep understands."""
        return problem_text(exc)


def problem_text(exc: BaseException) -> str:
    """What went wrong signing in or testing a connection, and what to do (one sentence per
    ``SignInFailed.cause``; the welcome page and the sign-in dialog both say it)."""
    cause = getattr(exc, "cause", None)
    if cause == "password":
        return QCoreApplication.translate(
            "SignInDialog",
            "The user name or password is not right. Check them (is Caps Lock on?) and try again.",
        )
    if cause == "unreachable":
        return QCoreApplication.translate(
            "SignInDialog",
            "The server cannot be reached. Check the address and your network "
            "connection, then try again.",
        )
    if cause == "tls":
        return QCoreApplication.translate(
            "SignInDialog",
            "The server's security certificate is not trusted, so Fieldbook "
            "did not send your password. Check the address, or ask IT.",
        )
    if cause == "address":
        return QCoreApplication.translate(
            "SignInDialog",
            "No CRM answers at this address with this database. Check the "
            "server address (like https://crm.example.com) and the database "
            "name.",
        )
    if cause == "database":
        return QCoreApplication.translate(
            "SignInDialog",
            "The server answers, but it has no database with this name. Check the "
            "database name (your IT team knows it).",
        )
    if cause == "module":
        return QCoreApplication.translate(
            "SignInDialog",
            "This CRM database does not have the Fieldbook module activated. Ask "
            'your CRM administrator to activate the module "fieldbook".',
        )
    if cause == "keyring":
        return str(exc)
    return QCoreApplication.translate(
        "SignInDialog", "The CRM could not sign you in ({}). Try again later, or ask IT."
    ).format(getattr(exc, "message", str(exc)))


class SignOut:
    """Sign out of the CRM, optionally removing this computer's copy of the book.

    The questions are small methods so tests answer them without message boxes.
    """

    def __init__(
        self,
        parent: QWidget | None,
        connector: TrytonConnector,
        profile_folder: Path,
        pending_changes: int,
        close_store: Callable[[], None],
        remove_local_copy: bool = False,
    ):
        self.remove_local_copy = remove_local_copy  # the box's choice when it opens
        self.parent = parent
        self.connector = connector
        self.profile_folder = Path(profile_folder)
        self.pending_changes = pending_changes
        self.close_store = close_store

    def ask_sign_out(self) -> tuple[bool, bool]:
        """(sign out?, remove the local copy?)"""
        box = QMessageBox(self.parent)
        box.setWindowTitle(box.tr("Sign out"))
        box.setText(box.tr("Sign out of the CRM on this computer?"))
        remove = QCheckBox(box.tr("Also remove my book of business from this computer"))
        remove.setChecked(self.remove_local_copy)
        box.setCheckBox(remove)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        sign_out = box.addButton(box.tr("Sign out"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is sign_out, remove.isChecked()

    def ask_discard_pending(self) -> bool:
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(box.tr("Sign out"))
        box.setText(
            box.tr(
                "%n change(s) have not reached the CRM yet. Removing the local copy loses them.",
                "",
                self.pending_changes,
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        discard = box.addButton(
            box.tr("Remove and lose them"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.exec()
        return box.clickedButton() is discard

    def run(self) -> bool:
        """Ask, then sign out; returns whether the rep signed out."""
        confirmed, remove = self.ask_sign_out()
        if not confirmed:
            return False
        if remove and self.pending_changes and not self.ask_discard_pending():
            return False
        # The secrets go at once; telling the server is best effort, off the GUI thread.
        self.connector.forget_secrets()
        end_session = getattr(self.connector, "end_session", None) or self.connector.rpc.logout
        run_in_background(end_session, name="sign-out")
        if remove:
            self.close_store()
            shutil.rmtree(self.profile_folder, ignore_errors=True)
        return True
