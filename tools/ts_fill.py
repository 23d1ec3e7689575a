"""Fill a Qt .ts catalogue from a translation memory, and say what is still unfinished.

    python tools/ts_fill.py resources/translations/fieldbook_de.ts tools/translations/de.json
    python tools/ts_fill.py resources/translations/fieldbook_en.ts --english-plurals
    python tools/ts_fill.py CATALOGUE.ts MEMORY.json --export /tmp/todo.json

The memory maps a source text to its translation: a string, or for a ``%n`` message the list of
plural forms (German: [one, other]). A key ``"context|source"`` wins over a plain ``"source"``
(for the few texts that translate differently by context). ``--export`` writes the entries still
unfinished as a memory with empty values: fill them in, merge them into the memory, run again.
Exit status 1 when anything is left unfinished.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def english_plural(source: str) -> list[str]:
    """ "%n account(s)" -> ["%n account", "%n accounts"]; "opportunity(s)" -> "opportunities",
    "day(s)" -> "days"."""
    one = re.sub(r"\(s\)|\(es\)", "", source)
    other = re.sub(r"(?<=[^aeiou])y\(s\)", "ies", source)  # opportunities, but days
    other = other.replace("(es)", "es").replace("(s)", "s")
    return [one, other]


def fill(
    ts: Path, memory: dict, english: bool = False, refill: bool = False
) -> list[tuple[str, str, bool]]:
    tree = ET.parse(ts)
    left: list[tuple[str, str, bool]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            if translation is None:
                continue
            numerus = message.get("numerus") == "yes"
            value = memory.get(f"{name}|{source}", memory.get(source))
            finished = translation.get("type") != "unfinished" and _has_text(translation)
            if finished and not (refill and value):
                continue
            if value is None and english and numerus:
                value = english_plural(source)
            if value in (None, "", []):
                left.append((name, source, numerus))
                continue
            for child in list(translation):
                translation.remove(child)
            translation.text = None
            if numerus:
                forms = value if isinstance(value, list) else [value, value]
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value if isinstance(value, str) else value[-1]
            translation.attrib.pop("type", None)
    _write(tree, ts)
    return left


def _has_text(translation: ET.Element) -> bool:
    forms = translation.findall("numerusform")
    return bool(translation.text and translation.text.strip()) or any(f.text for f in forms)


def _write(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                  encoding="utf-8")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ts", type=Path)
    parser.add_argument("memory", type=Path, nargs="?")
    parser.add_argument("--english-plurals", action="store_true")
    parser.add_argument("--export", type=Path)
    parser.add_argument(
        "--refill", action="store_true", help="also overwrite finished entries the memory has"
    )
    args = parser.parse_args(argv)
    memory = json.loads(args.memory.read_text(encoding="utf-8")) if args.memory else {}
    left = fill(args.ts, memory, english=args.english_plurals, refill=args.refill)
    if args.export:
        todo = {source: ([] if numerus else "") for _, source, numerus in left}
        args.export.write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
    for context, source, _ in left:
        print(f"unfinished: [{context}] {source}")
    print(f"{args.ts.name}: {len(left)} unfinished")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
