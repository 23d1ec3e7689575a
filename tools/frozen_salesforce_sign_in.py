"""The windowed FROZEN app connects to Salesforce from its welcome page, as a rep would.

    dbus-run-session -- .venv/bin/python tools/frozen_salesforce_sign_in.py [dist/fieldbook/fieldbook]

Needs what ``tools/frozen_welcome_sign_in.py`` needs (Xvfb, xdotool, xwd, a D-Bus session) and
a source checkout for the Salesforce-dialect test server. IT's preset (a ``fieldbook.json`` in
``$FIELDBOOK_SYSTEM_CONFIG_DIR``) names Salesforce, the org's login URL and the consumer key, so
the welcome page opens on *Connect to Salesforce*; Enter presses it. The "browser" the app
opens (``$BROWSER``) is a small client that follows the authorize redirect to the app's
loopback port, as a rep's browser would after they approve. The script waits until the new
profile has synced and holds the account made in the org beforehand, then saves screenshots
(/tmp/fieldbook-salesforce-welcome-frozen.png, /tmp/fieldbook-salesforce-signed-in-frozen.png).
Exits non-zero when any step fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frozen_welcome_sign_in import (  # noqa: E402
    free_display,
    screenshot,
    stop,
    unlock_keyring,
    wait_for,
    welcome_window,
)

from desktop import provisioning  # noqa: E402
from desktop.store import Store  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.salesforce.auth import DEFAULT_PORT  # noqa: E402
from sync.salesforce.demo import CONSUMER_KEY  # noqa: E402
from tests.salesforce_server.process import ServerProcess  # noqa: E402

ACCOUNT = "Fjordline Logistics"  # made in the org before the rep connects

_BROWSER = """#!{python}
import sys, requests
requests.get(sys.argv[1], timeout=30)  # follows the redirect to the app's loopback port
"""


def _synced_profile(data: Path) -> Path | None:
    """The profile store that has synced and holds the org's account, if there is one yet."""
    for path in sorted((data / "profiles").glob("*/book.sqlite")):
        store = Store.open(path)
        try:
            status = SyncEngine(store, None).status()  # type: ignore[arg-type]
            names = {store.get("accounts", i)["name"] for i in store.account_ids()}
            if status.last_success_at and ACCOUNT in names:
                return path
        finally:
            store.close()
    return None


def _connect_button(display: str, window: str, env: dict) -> tuple[int, int]:
    """Where *Connect to Salesforce* is in the welcome window: the first row, under the form,
    drawn as a button across the window's width (found in a screenshot of the window)."""
    from PySide6.QtGui import QImage

    shot = Path(tempfile.mkdtemp()) / "welcome.png"
    screenshot(display, str(shot), window)
    image = QImage(str(shot))
    middle = image.width() // 2
    background = image.pixelColor(2, image.height() - 2)
    rows = [
        y
        for y in range(image.height())
        if all(image.pixelColor(x, y) != background for x in range(middle - 150, middle + 150, 10))
    ]
    # the button is the last wide block above the "demo" row: the band with the most rows
    bands: list[list[int]] = []
    for y in rows:
        if bands and y == bands[-1][-1] + 1:
            bands[-1].append(y)
        else:
            bands.append([y])
    tall = [b for b in bands if 18 <= len(b) <= 40]
    if not tall:
        raise SystemExit("could not find the Connect button in the welcome window")
    return middle, tall[-1][len(tall[-1]) // 2]


def main(argv: list[str]) -> int:
    executable = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "fieldbook" / "fieldbook")
    work = Path(tempfile.mkdtemp(prefix="fieldbook-salesforce-"))
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
    browser = work / "browser"
    browser.write_text(_BROWSER.format(python=sys.executable))
    browser.chmod(0o755)
    system = work / "system"
    system.mkdir()
    org = ServerProcess(callbacks=(f"http://localhost:{DEFAULT_PORT}/OauthRedirect",))
    (system / provisioning.FILE_NAME).write_text(
        json.dumps(
            {
                "crm": {
                    "kind": "salesforce",
                    "url": org.url,
                    "salesforce_consumer_key": CONSUMER_KEY,
                },
                "locked": ["crm.kind"],
            }
        )
    )
    env = dict(
        os.environ,
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        HOME=str(work),
        BROWSER=str(browser),
        DEFAULT_BROWSER=str(browser),
        FIELDBOOK_SYSTEM_CONFIG_DIR=str(system),
    )
    env.pop("XDG_CURRENT_DESKTOP", None)  # no desktop: Qt opens links with $BROWSER
    unlock_keyring(env)
    org.switch("create", sobject="Account", values={"Name": ACCOUNT})
    data = work / "data"
    app = subprocess.Popen([str(executable)], env=dict(env, FIELDBOOK_DATA_DIR=str(data)))
    try:
        window = welcome_window(env)
        screenshot(display, "/tmp/fieldbook-salesforce-welcome-frozen.png", window)
        # Connect to Salesforce: the full-width button under the form (no window manager here,
        # so the keyboard focus is not reliable; the click lands on the button's middle).
        x, y = _connect_button(display, window, env)
        subprocess.run(
            ["xdotool", "mousemove", "--window", window, str(x), str(y), "click", "1"],
            env=env,
            check=True,
        )
        try:
            profile = wait_for(
                "the Salesforce profile's first sync", lambda: _synced_profile(data), 90
            )
        except SystemExit:
            screenshot(display, "/tmp/fieldbook-salesforce-failed-frozen.png")
            print("data folder:", sorted(str(p.relative_to(data)) for p in data.rglob("*")))
            raise
        time.sleep(2.0)
        screenshot(display, "/tmp/fieldbook-salesforce-signed-in-frozen.png")
        print(
            f"the frozen app connected to Salesforce from the welcome page: {profile.parent.name}"
        )
        return 0
    finally:
        stop(app)
        org.stop()
        xvfb.terminate()
        xvfb.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
