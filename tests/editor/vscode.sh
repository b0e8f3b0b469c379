#!/usr/bin/env bash
# A real VS Code: installs code-server (cached in $CHECKOUT_LINT_CACHE, default
# ~/.cache/checkout-lint), packages the extension as a platform-specific .vsix with the
# checkout-lint binary inside, and drives the workbench in Debian's Chromium (e2e.js).
# Screenshots and logs go to $VSCODE_E2E_OUT (default target/vscode-e2e), kept as CI artifacts.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/tests/editor/vscode"
cache=${CHECKOUT_LINT_CACHE:-$HOME/.cache/checkout-lint}
out=${VSCODE_E2E_OUT:-$repo/target/vscode-e2e}
rm -rf "$out"
mkdir -p "$out"

code_server=$("$here/install-code-server.sh" "$cache")
# e2e.js stops what it started; this catches a run cut short (the timeout below).
trap 'pkill -f "$cache/code-server-" 2>/dev/null || true' EXIT

# The binary under test: CHECKOUT_LINT_BIN when given (CI passes the one its test stage built),
# else the debug build, built here.
bin=${CHECKOUT_LINT_BIN:-}
if [ -z "$bin" ]; then
  cargo build --quiet --locked --manifest-path "$repo/Cargo.toml" --bin checkout-lint
  bin="${CARGO_TARGET_DIR:-$repo/target}/debug/checkout-lint"
fi
# The bundled copy is stripped: the debug build's symbols would make the .vsix 200 MB.
stripped="$out/checkout-lint"
cp "$bin" "$stripped"
strip "$stripped"

extension="$repo/editors/vscode"
(cd "$extension" && npm ci --no-audit --no-fund --loglevel=error && npm test \
  && CHECKOUT_LINT_BINARY="$stripped" VSCE_TARGET=linux-x64 npm run package --silent) >&2
vsix=$(ls "$extension"/checkout-lint-linux-x64-*.vsix)
rm -f "$stripped"

(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
CODE_SERVER="$code_server" VSIX="$vsix" CHECKOUT_LINT_BIN="$bin" OUT="$out" \
  timeout 600 node "$here/e2e.js"
