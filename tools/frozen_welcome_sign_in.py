"""The windowed FROZEN app on a virtual screen signs in from its welcome page, as a rep would.

    dbus-run-session -- .venv/bin/python tools/frozen_welcome_sign_in.py [dist/fieldbook/fieldbook]

Needs Xvfb, xdotool and xwd (x11-apps), a D-Bus session with an unlocked keyring (the caller's
dbus-run-session; this script unlocks a fresh gnome-keyring) and the dev virtualenv for the
local Tryton. Starts a Tryton with the fieldbook module, opens the frozen app on an empty data
folder, types the address, database, user and password into the welcome page with xdotool and
presses Enter (Connect), waits until the app has signed in and synced, and saves screenshots
(/tmp/fieldbook-welcome-frozen.png before, /tmp/fieldbook-signed-in-frozen.png after). Exits
non-zero when any step fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desktop import paths  # noqa: E402
from desktop.store import Store  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.tryton import server as crm_server  # noqa: E402


def wait_for(what: str, check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def free_display() -> str:
    """A virtual screen number nobody uses."""
    return next(f":{n}" for n in range(57, 99) if not Path(f"/tmp/.X11-unix/X{n}").exists())


def unlock_keyring(env: dict) -> None:
    """A fresh gnome-keyring in the caller's D-Bus session, unlocked: the real keyring."""
    subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input=b"ci",
        env=env,
        capture_output=True,
        check=False,
    )


def welcome_window(env: dict) -> str:
    """The welcome page's window id, once it is up, with the keyboard given to it (there is
    no window manager on the virtual screen)."""
    window = wait_for(
        "the welcome page",
        lambda: subprocess.run(
            ["xdotool", "search", "--name", "Welcome to Fieldbook"],
            env=env,
            capture_output=True,
            text=True,
        ).stdout.split(),
    )[0]
    time.sleep(1.0)
    subprocess.run(["xdotool", "windowfocus", "--sync", window], env=env, check=False)
    return window


def stop(app: subprocess.Popen) -> None:
    app.terminate()
    try:
        app.wait(timeout=20)
    except subprocess.TimeoutExpired:
        app.kill()


def screenshot(display: str, target: str, window: str | None = None) -> None:
    """The whole virtual screen as PNG (xwd's 32-bit ZPixmap, turned into a PNG with Qt)."""
    import struct

    from PySide6.QtGui import QImage

    data = subprocess.run(
        ["xwd", "-silent", "-display", display, *(["-id", window] if window else ["-root"])],
        capture_output=True,
        check=True,
    ).stdout
    fields = struct.unpack(">25I", data[:100])
    header_size, width, height = fields[0], fields[4], fields[5]
    bits_per_pixel, bytes_per_line, ncolors = fields[11], fields[12], fields[19]
    formats = {32: QImage.Format.Format_RGB32, 24: QImage.Format.Format_BGR888}
    if bits_per_pixel not in formats:
        raise SystemExit(f"xwd gave {bits_per_pixel} bits per pixel; expected 24 or 32")
    pixels = data[header_size + 12 * ncolors :]
    image = QImage(pixels, width, height, bytes_per_line, formats[bits_per_pixel])
    image.copy().save(target)
    print(f"screenshot: {target}")


def main(argv: list[str]) -> int:
    executable = Path(argv[1] if len(argv) > 1 else ROOT / "dist" / "fieldbook" / "fieldbook")
    work = Path(tempfile.mkdtemp(prefix="fieldbook-welcome-"))
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"])
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(work))
    unlock_keyring(env)
    cache = Path(
        os.environ.get("FIELDBOOK_TEST_CACHE")
        or Path(tempfile.gettempdir()) / "fieldbook-test-cache"
    )
    server = crm_server.start_copy(crm_server.build_template(cache), work / "crm")
    data = work / "data"
    app = subprocess.Popen([str(executable)], env=dict(env, FIELDBOOK_DATA_DIR=str(data)))
    try:
        window = welcome_window(env)
        for text in (server.url, server.database, crm_server.ADMIN_USER):
            subprocess.run(["xdotool", "type", "--delay", "20", text], env=env, check=True)
            subprocess.run(["xdotool", "key", "Tab"], env=env, check=True)
        subprocess.run(
            ["xdotool", "type", "--delay", "20", crm_server.ADMIN_PASSWORD], env=env, check=True
        )
        time.sleep(0.5)
        screenshot(display, "/tmp/fieldbook-welcome-frozen.png", window)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True)
        slug = paths.profile_slug(crm_server.ADMIN_USER, server.url, server.database)

        def synced() -> bool:
            path = paths.store_path(data, slug)
            if not path.exists():
                return False
            store = Store.open(path)
            try:
                status = SyncEngine(store, None).status()  # type: ignore[arg-type]
                return bool(store.preference("crm_url")) and bool(status.last_success_at)
            finally:
                store.close()

        wait_for("the signed-in profile's first sync", synced, timeout=90)
        time.sleep(2.0)
        screenshot(display, "/tmp/fieldbook-signed-in-frozen.png")
        print(f"the frozen app signed in from the welcome page: profile {slug}")
        return 0
    finally:
        stop(app)
        server.stop()
        xvfb.terminate()
        xvfb.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
