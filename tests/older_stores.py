"""Store files as earlier Fieldbook releases wrote them, for the tests of their upgrade."""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3

from desktop import cipher, protection


def encrypt_as_first_release(path: Path) -> bytes:
    """Encrypt the closed plain store at ``path`` as the first encrypted release did: SQLCipher
    4's default page format (HMAC-SHA512), a raw key saved in the keyring; return the key."""
    key = protection.create_key(path)
    older = path.with_name(path.name + ".first-release")
    db = sqlcipher3.connect(str(path), isolation_level=None)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        db.execute(f"ATTACH DATABASE ? AS older KEY {cipher.key_pragma(key)}", (str(older),))
        db.execute("SELECT sqlcipher_export('older')")
        db.execute(f"PRAGMA older.user_version = {int(version)}")
        db.execute("DETACH DATABASE older")
    finally:
        db.close()
    for side in cipher.side_files(path):
        side.unlink(missing_ok=True)
    os.replace(older, path)
    assert cipher.key_fits(path, key, cipher.SQLCIPHER4_DEFAULT)
    return key
