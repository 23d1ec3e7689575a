#!/usr/bin/env bash
# Make dist/Fieldbook-<version>.dmg from dist/Fieldbook.app with hdiutil (built into macOS).
# Usage: packaging/macos/make_dmg.sh <version>      (build.py --package calls it)
#
# The disk image holds the app and a link to /Applications, so the rep drags one onto the other.
# When FIELDBOOK_CODESIGN_IDENTITY is set the image is signed too; notarize it afterwards with
#   xcrun notarytool submit dist/Fieldbook-<version>.dmg --keychain-profile <profile> --wait
#   xcrun stapler staple dist/Fieldbook-<version>.dmg
set -euo pipefail

VERSION="${1:?usage: make_dmg.sh <version>}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
APP="$ROOT/dist/Fieldbook.app"
DMG="$ROOT/dist/Fieldbook-$VERSION.dmg"
[ -d "$APP" ] || { echo "no $APP: run build.py first" >&2; exit 1; }

STAGING="$(mktemp -d)"
trap 'rm -rf "$STAGING"' EXIT
# ditto keeps the bundle's symlinks, extended attributes and signatures intact.
ditto "$APP" "$STAGING/Fieldbook.app"
ln -s /Applications "$STAGING/Applications"

rm -f "$DMG"
hdiutil create -volname "Fieldbook $VERSION" -srcfolder "$STAGING" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$DMG"

if [ -n "${FIELDBOOK_CODESIGN_IDENTITY:-}" ]; then
    codesign --force --timestamp --sign "$FIELDBOOK_CODESIGN_IDENTITY" "$DMG"
fi
hdiutil verify "$DMG"
echo "made $DMG"
