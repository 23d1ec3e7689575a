"""What the rep sees when the local copy is protected (issue 16): the lock screen, the question
when its key is missing, and the progress while a plain copy is encrypted.

The rules live in ``desktop.protection`` and ``desktop.access``; the sentences in ``ui/errors``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import access, protection
from desktop.errors import STORE_KEY_MISSING, STORE_LOCKED, ErrorInfo

from .errors import describe
from .operations import Task

RETRY = "retry"
FRESH = "fresh"
QUIT = "quit"


class LockDialog(QDialog):
    """The lock screen: why the copy is locked, and a way to sign in (or quit). Nothing of the
    book is shown behind it: the window is not opened until the copy is unlocked."""

    sign_in_requested = Signal()

    def __init__(self, state: access.AccessState, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fieldbook is locked"))
        self.setModal(True)
        days = int(state.days_offline) if state.days_offline is not None else 0
        params = {"reason": state.reason or "", "days": days}
        self.message = QLabel(describe(ErrorInfo(STORE_LOCKED, params)))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMinimumWidth(420)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("Sign In…"))
        self.sign_in_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("Quit"))
        buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("This copy is locked"))
        title.setObjectName("lockTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def say(self, text: str) -> None:
        """A line under the message (a refused sign-in, a wipe that happened)."""
        self.status.setText(text)
        self.adjustSize()


def missing_key_box(parent: QWidget | None, path: Path) -> QMessageBox:
    """The question when the store's key is missing, not yet shown; its buttons are named
    ``fresh``, ``retry`` and ``quit`` (objectName)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("lock_dialog", "Fieldbook"))
    box.setText(describe(ErrorInfo(STORE_KEY_MISSING, {"path": str(path)})))
    box.setInformativeText(
        QCoreApplication.translate(
            "lock_dialog",
            "If your keyring is only locked, unlock it and choose Try Again. The file: {}",
        ).format(path)
    )
    fresh = box.addButton(
        QCoreApplication.translate("lock_dialog", "Set Aside and Sync Afresh"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    retry = box.addButton(
        QCoreApplication.translate("lock_dialog", "Try Again"), QMessageBox.ButtonRole.ResetRole
    )
    quit_button = box.addButton(
        QCoreApplication.translate("lock_dialog", "Quit"), QMessageBox.ButtonRole.RejectRole
    )
    fresh.setObjectName(FRESH)
    retry.setObjectName(RETRY)
    quit_button.setObjectName(QUIT)
    box.setDefaultButton(retry)
    return box


def ask_missing_key(parent: QWidget | None, path: Path) -> str:
    """RETRY (the keyring was locked), FRESH (set the file aside, sync anew) or QUIT."""
    box = missing_key_box(parent, path)
    box.exec()
    clicked = box.clickedButton()
    return clicked.objectName() if clicked is not None and clicked.objectName() else QUIT


def encrypt_task(parent: QWidget | None, path: Path, wanted: protection.Protection) -> Task:
    """Encrypt the store at ``path`` (plain, or in an older page format) off the GUI thread,
    with a progress window."""

    def work(control) -> protection.Prepared:
        return protection.prepare(
            path,
            wanted,
            progress=lambda share: control.report((int(share * 100), 100)),
            verify_key=True,  # a file in an older page format is re-encrypted here, with progress
        )

    label = QCoreApplication.translate(
        "lock_dialog", "Encrypting the copy of your book of business on this computer…"
    )
    return Task(parent, work, name="encrypt-store", label=label, busy_cursor=True)
