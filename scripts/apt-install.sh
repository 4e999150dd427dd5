#!/usr/bin/env bash
# Install the Debian packages listed in a file (one per line, '#' comments),
# skipping those already installed, or whose command is already on PATH (a
# Node.js from another source already brings npm, for example). As root it installs them; otherwise it
# prints the one apt-get command to run and fails.
set -euo pipefail
list=${1:-apt.txt}
missing=()
while read -r pkg; do
  pkg=${pkg%%#*}; pkg=${pkg//[[:space:]]/}
  [ -n "$pkg" ] || continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" && continue
  command -v "$pkg" >/dev/null 2>&1 && continue
  missing+=("$pkg")
done < "$list"
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing Debian packages from $list: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Missing Debian packages from $list. Run:"
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi
