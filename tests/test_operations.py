from ui.operations import OpContext, StoreOp


def test_op(qtbot, store):
    ctx = OpContext(store).make_current()
    got = []
    with qtbot.waitSignal(ctx.events.changed, timeout=3000) as blocker:
        StoreOp(None, lambda s: s.create("accounts", {"name": "X"})).success(
            got.append
        ).run_in_background()
    qtbot.waitUntil(lambda: len(got) == 1)
    assert store.get("accounts", got[0])["name"] == "X"
    assert "accounts" in blocker.args[0].tables
    ctx.close()
