#!/bin/sh
# Install Serge Reader's desktop integration (menu entry, software-centre metadata, icons)
# under PREFIX (default ~/.local), for a `serge-reader` command already on the PATH: from
# `pip install`, or a link to the one-folder build's serge-reader executable.
#
#   packaging/linux/install.sh [PREFIX]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
icons="$here/../../resources/icons"
prefix=${1:-"$HOME/.local"}
id=io.github.serge_reader.SergeReader

install -Dm644 "$here/$id.desktop" "$prefix/share/applications/$id.desktop"
install -Dm644 "$here/$id.metainfo.xml" "$prefix/share/metainfo/$id.metainfo.xml"
install -Dm644 "$icons/serge-reader.svg" "$prefix/share/icons/hicolor/scalable/apps/$id.svg"
for png in "$icons"/serge-reader-[0-9]*.png; do
    size=${png##*-}
    size=${size%.png}
    install -Dm644 "$png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
done
# Let the menus and the icon theme see the new files, where the tools are installed.
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
fi
echo "installed the desktop entry, metadata and icons under $prefix"
