#!/usr/bin/env bash
# Installs code-server 4.100.x (a real VS Code, served to a browser) from the npm registry into a
# cache folder, without the downloads its install scripts would make from outside the registries:
# the native modules are built here against this machine's Node headers, and ripgrep comes from
# Debian. A second run finds the cache and returns at once.
#
# Usage: install-code-server.sh CACHE_DIR   (prints the code-server binary's path)
set -euo pipefail

version=4.100.3
cache=${1:?cache folder}
root="$cache/code-server-$version"
bin="$root/node_modules/code-server/out/node/entry.js"
if [ -f "$root/.complete" ]; then
  echo "$bin"
  exit 0
fi

# Debian's headers and tools for the native modules, ripgrep for VS Code's search, Chromium for
# the test's browser.
packages=(libkrb5-dev libsecret-1-dev libxkbfile-dev libx11-dev pkg-config build-essential ripgrep chromium)
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

rm -rf "$root"
mkdir -p "$root"
cd "$root"
npm_quiet=(--no-audit --no-fund --loglevel=error)
npm install "${npm_quiet[@]}" --ignore-scripts "code-server@$version" >&2

# Node's own headers (Debian/NodeSource ship them): node-gyp would otherwise download them.
nodedir=$(dirname "$(dirname "$(command -v node)")")
[ -d "$nodedir/include/node" ] || { echo "no Node headers under $nodedir/include/node" >&2; exit 1; }
gyp() { npx --yes node-gyp@11 rebuild --nodedir="$nodedir" >&2; }

vscode="$root/node_modules/code-server/lib/vscode"
(cd "$vscode" && npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts >&2)
mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
ln -sf "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
for module in kerberos node-pty @vscode/spdlog @parcel/watcher native-watchdog @vscode/deviceid; do
  if [ -d "$vscode/node_modules/$module" ]; then
    (cd "$vscode/node_modules/$module" && gyp)
  fi
done
ln -sfn node_modules "$vscode/node_modules.asar"
(cd "$vscode/extensions" && npm install "${npm_quiet[@]}" --omit=dev --ignore-scripts >&2)
# argon2 (code-server's password hashing) is built by node-pre-gyp, whose install would try to
# download a prebuilt binary first.
(cd "$root/node_modules/argon2" && node ../@mapbox/node-pre-gyp/bin/node-pre-gyp rebuild \
  --build-from-source --nodedir="$nodedir" >&2)

touch "$root/.complete"
echo "$bin"
