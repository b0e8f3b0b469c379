#!/usr/bin/env bash
# Tests the pre-commit hooks with the real framework: installs pre-commit from PyPI into a
# temporary virtualenv and runs `pre-commit try-repo` on this repository against a temporary git
# repository, expecting each hook (language: rust, and language: python, which pip-installs the
# package at the repository root) to block a bad payload (showing the rule) and pass a good one.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="$work/pre-commit-cache"
# Both hooks build with cargo, as pre-commit does for users (`cargo install`, and pip building
# the wheel with maturin). They share the repository's target folder, where CI's earlier stages
# (the Python package's maturin build, release profile, the same features) already built the
# whole stack: the hooks are still installed as users install them, without compiling it again.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

mkdir "$work/project"
cd "$work/project"
git init --quiet
git config user.email "ci@example.com"
git config user.name "CI"
cat > bad.json <<'JSON'
{
  "product_cart": [{ "product_id": "pdt_123", "quantity": 0 }]
}
JSON
cat > package.json <<'JSON'
{ "name": "app", "version": "1.0.0", "config": { "port": 3000 }, "scripts": {} }
JSON
mkdir -p locales
cat > locales/en.json <<'JSON'
[{ "key": "checkout", "text": "Pay now" }]
JSON
cat > good.json <<'JSON'
{
  "product_cart": [{ "product_id": "pdt_123", "quantity": 1 }],
  "allowed_payment_method_types": ["credit", "debit"]
}
JSON
cat > bad.ts <<'TS'
import DodoPayments from 'dodopayments';
const client = new DodoPayments();
export const session = await client.checkoutSessions.create({
  product_cart: [{ product_id: 'pdt_123', quantity: 0 }],
});
TS
cat > plain.ts <<'TS'
export const checkout = { quantity: 0 };
TS
cat > bad.py <<'PY'
from dodopayments import DodoPayments

client = DodoPayments()
client.checkout_sessions.create(product_cart=[{"product_id": "pdt_123", "quantity": 0}])
PY
git add bad.json good.json bad.ts plain.ts bad.py package.json locales/en.json

fail() { echo "pre-commit hook test failed: $*" >&2; exit 1; }

for hook in checkout-lint checkout-lint-python; do
  if "$work/venv/bin/pre-commit" try-repo "$repo" "$hook" --files bad.json >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"; fail "$hook passed a payload with quantity 0"
  fi
  grep -q "zero-quantity" "$work/bad.log" || { cat "$work/bad.log"; fail "$hook: the output does not name the rule"; }
  grep -q "bad.json:2:" "$work/bad.log" || { cat "$work/bad.log"; fail "$hook: the output does not point at the line"; }

  if ! "$work/venv/bin/pre-commit" try-repo "$repo" "$hook" --files good.json >"$work/good.log" 2>&1; then
    cat "$work/good.log"; fail "$hook blocked a good payload"
  fi
  grep -q "Passed" "$work/good.log" || { cat "$work/good.log"; fail "$hook: pre-commit did not report Passed"; }

  # A commit that touches only project files and data JSON passes: they are not payloads.
  if ! "$work/venv/bin/pre-commit" try-repo "$repo" "$hook" --files package.json locales/en.json >"$work/other.log" 2>&1; then
    cat "$work/other.log"; fail "$hook blocked package.json or a JSON array that is not a payload"
  fi

  # Source files: the hook's types_or hands .ts files over; a payload in one is linted where it
  # is written, and a file without one is silent.
  if "$work/venv/bin/pre-commit" try-repo "$repo" "$hook" --files bad.ts plain.ts >"$work/ts.log" 2>&1; then
    cat "$work/ts.log"; fail "$hook passed a .ts payload with quantity 0"
  fi
  grep -q "bad.ts:4:.*zero-quantity" "$work/ts.log" || { cat "$work/ts.log"; fail "$hook: no zero-quantity at bad.ts:4"; }
  if grep -q "plain.ts" "$work/ts.log"; then
    cat "$work/ts.log"; fail "$hook reported a file without a payload"
  fi
  if "$work/venv/bin/pre-commit" try-repo "$repo" "$hook" --files bad.py >"$work/py.log" 2>&1; then
    cat "$work/py.log"; fail "$hook passed a .py payload with quantity 0"
  fi
  grep -q "bad.py:4:.*zero-quantity" "$work/py.log" || { cat "$work/py.log"; fail "$hook: no zero-quantity at bad.py:4"; }

  echo "pre-commit hook $hook: blocks bad.json, bad.ts and bad.py (zero-quantity), passes good.json"
done
