#!/bin/sh
# Re-extract every visible string from ui/ and fill the catalogues from the translation memory.
#
#   tools/update_translations.sh            # after adding or changing UI strings
#
# 1. pyside6-lupdate updates resources/translations/fieldbook_de.ts (all strings) and
#    fieldbook_en.ts (plural forms only: "%n account(s)" -> "1 account" / "60 accounts").
# 2. tools/ts_fill.py fills unfinished German entries from tools/translations/de.json and the
#    English plurals by rule, then lists what is still unfinished (exit 1 if anything is).
#    To translate new strings: add them to tools/translations/de.json and run this again
#    (tools/ts_fill.py ... --export /tmp/todo.json writes the missing ones as a stub).
# 3. The .qm files are built from the .ts by pyside6-lrelease (build.spec, bootstrap, or the
#    app itself at start-up in a source tree); they are not checked in.
set -eu
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY=python3
BIN="$(dirname "$PY")"
LUPDATE="$BIN/pyside6-lupdate"
[ -x "$LUPDATE" ] || LUPDATE=pyside6-lupdate
SOURCES=$(find ui -name '*.py' | sort)
DIR=resources/translations
"$LUPDATE" $SOURCES -ts "$DIR/fieldbook_de.ts" -no-obsolete -locations none \
    -source-language en -target-language de
"$LUPDATE" $SOURCES -ts "$DIR/fieldbook_en.ts" -no-obsolete -locations none -pluralonly \
    -source-language en -target-language en
"$PY" tools/ts_fill.py "$DIR/fieldbook_en.ts" --english-plurals
"$PY" tools/ts_fill.py "$DIR/fieldbook_de.ts" tools/translations/de.json
