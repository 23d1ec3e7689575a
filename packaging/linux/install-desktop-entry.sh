#!/bin/sh
# Add Fieldbook to the desktop's application menu (run from the unpacked archive's folder).
#
#   ./install-desktop-entry.sh            # for this user: ~/.local
#   sudo ./install-desktop-entry.sh /usr/local   # for every user of this computer
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${1:-$HOME/.local}"
mkdir -p "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
ln -sf "$here/fieldbook" "$prefix/bin/fieldbook"
cp "$here/share/applications/com.fieldbook.app.desktop" "$prefix/share/applications/"
cp "$here/share/metainfo/com.fieldbook.app.metainfo.xml" "$prefix/share/metainfo/"
cp -R "$here/share/icons" "$prefix/share/"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$prefix/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
echo "Fieldbook is in the application menu; 'fieldbook' runs it from $prefix/bin."
