"""Signing in runs as a background Task: the dialog stays responsive, and Cancel means cancel."""

from __future__ import annotations

import threading

from ui.sign_in_dialog import SignInDialog


def make_dialog(qtbot, sign_in):
    dialog = SignInDialog(
        None, url="https://crm.example.com", database="crm", user="ann", sign_in_function=sign_in
    )
    qtbot.addWidget(dialog)
    dialog.password_edit.setText("secret")
    return dialog


def test_sign_in_runs_off_the_gui_thread(qtbot):
    seen = []

    def sign_in(url, database, user, password):
        seen.append(threading.get_ident())
        return "connector"

    dialog = make_dialog(qtbot, sign_in)
    with qtbot.waitSignal(dialog.signed_in, timeout=5000) as signed:
        dialog.start_sign_in()
        assert not dialog.sign_in_button.isEnabled()  # busy while the CRM answers
    assert signed.args == ["connector"]
    assert seen and seen[0] != threading.main_thread().ident
    assert dialog.password_edit.text() == ""


def test_cancel_while_signing_in_drops_the_late_answer(qtbot):
    answer = threading.Event()
    signed = []

    def sign_in(url, database, user, password):
        assert answer.wait(5)
        return "connector"

    dialog = make_dialog(qtbot, sign_in)
    dialog.signed_in.connect(signed.append)
    dialog.show()
    dialog.start_sign_in()
    dialog.reject()  # the rep gives up before the CRM answers
    answer.set()
    assert dialog.task.wait(5)
    qtbot.waitUntil(lambda: dialog.task.finished)
    assert signed == [] and dialog.connector is None
