"""One-off helper (kept for the files still to convert after a split): replace a module's
home-made ``_tr("text")`` wrapper with ``translate("context", "text")``, which lupdate extracts.

    python tools/convert_tr.py ui/some_module.py [...]

Calls of ``_tr`` with a non-literal argument are listed for a hand conversion.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DEF = re.compile(
    r"\ndef _tr\(text: str\) -> str:\n(?:    from PySide6\.QtCore import QCoreApplication\n\n)?"
    r"    return QCoreApplication\.translate\((\"[^\"]+\"|[A-Z_]+), text\)\n"
)


CONSTANTS = {"TR_CONTEXT": "account_view"}


def convert(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    found = DEF.search(source)
    if not found:
        print(f"{path}: no _tr wrapper")
        return
    context = found.group(1).strip('"')
    if context.isupper():  # a constant such as TR_CONTEXT: lupdate needs the literal
        context = CONSTANTS[context]
    source = source[: found.start()] + "\n" + source[found.end() :]
    source = re.sub(r"\b_tr\((\s*)([\"'])", rf'translate("{context}", \1\2', source)
    for number, line in enumerate(source.splitlines(), 1):
        if re.search(r"\b_tr\(", line):
            print(f"{path}:{number}: hand-convert: {line.strip()}")
    if "from .i18n import" not in source:
        # after the last "from ." import, or after the last import line
        lines = source.splitlines(keepends=True)
        last = max(i for i, ln in enumerate(lines) if ln.startswith(("from ", "import ")))
        lines.insert(last + 1, "from .i18n import translate\n")
        source = "".join(lines)
    path.write_text(source, encoding="utf-8")
    print(f"{path}: context {context!r}")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        convert(Path(name))
