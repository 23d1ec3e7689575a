"""The first start: connect to your CRM, open the demo book, or work locally for now.

Shown on an empty profile, and whenever the rep clicks "Local only" in the status bar. The CRM
part lists the kinds in ``ui/crm_kinds.py``; IT's presets (``desktop/provisioning.py``) fill in
the address and database, and locked ones cannot be changed. *Test connection* signs in once
and keeps nothing; *Connect* signs in for good (password and session to the OS keyring only).
Both run off the GUI thread and say precisely what is wrong.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import provisioning
from desktop.provisioning import Provisioning

from . import crm_kinds
from .operations import Task
from .sign_in_dialog import problem_text


class WelcomeDialog(QDialog):
    """``connected(kind, connector)``, ``demo_requested()`` or ``local_requested()``."""

    connected = Signal(str, object)
    connected_with_settings = Signal(str, object, dict)  # a browser sign-in (Salesforce)
    demo_requested = Signal()
    local_requested = Signal()
    tested = Signal(bool, str)  # (worked, the sentence shown): for tests and screenshots

    def __init__(self, parent: QWidget | None = None, presets: Provisioning | None = None):
        super().__init__(parent)
        self.setObjectName("WelcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Fieldbook"))
        self.presets = presets if presets is not None else provisioning.load()
        self.task: Task | None = None

        title = QLabel(self.tr("Welcome to Fieldbook"))
        title.setObjectName("WelcomeTitle")
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        intro = QLabel(
            self.tr(
                "Fieldbook keeps your book of business on this computer, so it works on a "
                "plane or in a customer's lobby, and syncs it with your company's CRM when "
                "the network is there."
            )
        )
        intro.setWordWrap(True)

        heading = QLabel(self.tr("Connect to your CRM"))
        heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.kind_combo = QComboBox()
        self.forms = QStackedWidget()
        for key, label, factory in crm_kinds.forms():
            self.kind_combo.addItem(label, key)
            form = factory(self.presets, self)
            if form.own_sign_in:
                form.signed_in.connect(
                    lambda connector, settings, k=key: self._connected_with_settings(
                        k, connector, settings
                    )
                )
            self.forms.addWidget(form)
        preset_kind = self.presets.get("crm", "kind")
        if preset_kind and self.kind_combo.findData(preset_kind) >= 0:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(preset_kind))
        self.forms.setCurrentIndex(self.kind_combo.currentIndex())
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        if self.presets.is_locked("crm.kind"):
            self.kind_combo.setEnabled(False)
            self.kind_combo.setToolTip(self.tr("Set by your IT department"))
        kind_row = QFormLayout()
        kind_label = QLabel(self.tr("CRM"))
        kind_row.addRow(kind_label, self.kind_combo)
        widths = [
            getattr(self.forms.widget(i), "label_width", lambda: 0)()
            for i in range(self.forms.count())
        ]
        kind_label.setMinimumWidth(max([kind_label.sizeHint().width(), *widths]))
        self.forms.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.result_label = QLabel()
        self.result_label.setObjectName("ConnectionResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button = QPushButton(self.tr("Connect"))
        self.connect_button.setDefault(True)
        self.connect_button.clicked.connect(self.connect_crm)
        crm_buttons = QHBoxLayout()
        crm_buttons.addStretch(1)
        crm_buttons.addWidget(self.test_button)
        crm_buttons.addWidget(self.connect_button)
        keyring_note = QLabel(
            self.tr("Your password is kept in the system keyring, never in Fieldbook's files.")
        )
        keyring_note.setObjectName("Muted")
        keyring_note.setWordWrap(True)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.demo_button = QPushButton(self.tr("Open the demo book"))
        self.demo_button.setToolTip(
            self.tr("A sample book of business to try Fieldbook with; nothing leaves this computer")
        )
        self.demo_button.clicked.connect(self._demo)
        self.local_button = QPushButton(self.tr("Work locally for now"))
        self.local_button.setToolTip(
            self.tr("Start an empty book on this computer; connect it to your CRM later")
        )
        self.local_button.clicked.connect(self._local)
        other = QHBoxLayout()
        other.addWidget(self.demo_button)
        other.addWidget(self.local_button)
        other.addStretch(1)
        later = QLabel(self.tr('You can connect later: click "Local only" in the status bar.'))
        later.setObjectName("Muted")
        later.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(heading)
        layout.addLayout(kind_row)
        layout.addWidget(self.forms)
        layout.addWidget(self.result_label)
        layout.addLayout(crm_buttons)
        layout.addWidget(keyring_note)
        layout.addWidget(line)
        layout.addLayout(other)
        layout.addWidget(later)
        self.setMinimumWidth(520)
        self._show_buttons()
        self.form.focus_first_empty()

    # -- the form ----------------------------------------------------------------------------

    @property
    def form(self) -> crm_kinds.ConnectForm:
        return self.forms.currentWidget()  # type: ignore[return-value]

    def _kind_changed(self, index: int) -> None:
        self.forms.setCurrentIndex(index)
        self.result_label.hide()
        self._show_buttons()
        self.form.focus_first_empty()

    def _show_buttons(self) -> None:
        """Test and Connect for a typed sign-in; a browser sign-in brings its own button."""
        own = self.form.own_sign_in
        self.test_button.setVisible(not own)
        self.connect_button.setVisible(not own)
        self.connect_button.setDefault(not own)  # Enter presses the form's own button then

    def _connected_with_settings(self, kind: str, connector, settings: dict) -> None:
        self.connected_with_settings.emit(kind, connector, settings)
        self.accept()

    def test_connection(self) -> None:
        """Sign in once off the GUI thread, keep nothing, and say how it went."""
        if not self._complete():
            return
        self._start(self.form.test_work(), self._tested, self.tr("Testing…"))

    def connect_crm(self) -> None:
        """Sign in for good; ``connected`` carries the signed-in connector."""
        if not self._complete():
            return
        self._start(self.form.connect_work(), self._connected, self.tr("Connecting…"))

    def _complete(self) -> bool:
        missing = self.form.missing()
        if missing:
            self._show(False, self.tr("Please enter the {}.").format(", ".join(missing)))
        return not missing

    def _start(self, work, on_success, busy_text: str) -> None:
        self._set_busy(True, busy_text)
        self.task = (
            Task(self, work, name="crm-connect", busy_cursor=True)
            .success(on_success)
            .failure(self._failed)
            .cancelled(lambda: None)  # closed meanwhile: a late answer changes nothing
            .run_in_background()
        )

    def _tested(self, _result) -> None:
        self._set_busy(False)
        self._show(True, self.tr("The connection works: Fieldbook can sign in and sync."))

    def _connected(self, connector) -> None:
        self._set_busy(False)
        form = self.form
        if hasattr(form, "after_sign_in"):
            form.after_sign_in()
        self.connected.emit(form.kind_key, connector)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show(False, problem_text(exc))

    def _show(self, worked: bool, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setProperty("worked", worked)
        self.result_label.setStyleSheet("color: #1e7d32;" if worked else "color: #b3261e;")
        self.result_label.show()
        self.adjustSize()
        self.tested.emit(worked, text)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.form.set_busy(busy)
        for button in (self.test_button, self.connect_button, self.demo_button, self.local_button):
            button.setEnabled(not busy)
        self.kind_combo.setEnabled(not busy and not self.presets.is_locked("crm.kind"))
        if busy:
            self.result_label.setText(text)
            self.result_label.setStyleSheet("")
            self.result_label.show()

    # -- the other ways ------------------------------------------------------------------------

    def _demo(self) -> None:
        self.demo_requested.emit()
        self.accept()

    def _local(self) -> None:
        self.local_requested.emit()
        self.accept()

    def reject(self) -> None:
        """Closing the page is "work locally for now"; a running test is dropped."""
        if self.task is not None:
            self.task.cancel()
        for index in range(self.forms.count()):
            cancel = getattr(self.forms.widget(index), "cancel", None)
            if cancel is not None:
                cancel()
        super().reject()
