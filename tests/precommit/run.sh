#!/usr/bin/env bash
# Tests the pre-commit hooks with the real framework: installs pre-commit from PyPI into a
# temporary virtualenv, and a temporary git repository installs both hooks of this repository
# from its `.pre-commit-config.yaml`, as a user's project does (language: rust, and language:
# python, which pip-installs the package at the repository root). Each hook must block a bad
# payload (showing the rule) and pass a good one.
#
# Not `pre-commit try-repo`: every try-repo call makes a new store and a new clone, so each of its
# calls installed the hook again, and each install compiled the crate in release (ten times here).
# Here each hook is installed once, then run on each case.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PRE_COMMIT_HOME="$work/pre-commit-cache"
# Both hooks build with cargo, as pre-commit does for users (`cargo install`, and pip building
# the wheel with maturin). They share the repository's target folder, where CI's earlier stages
# (the Node.js and Python packages' release builds, for the same CARGO_BUILD_TARGET) already
# built most dependencies: the hooks are still installed as users install them, and compile the
# crates of pre-commit's clone (its path is new to cargo) and what `cargo install` resolves anew
# (it ignores Cargo.lock, so a dependency with a newer release is built at that release).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"

# The repository as pre-commit will clone it: HEAD, or, when the working tree has uncommitted
# changes, a shadow clone with them committed on top, so that what is tested is what is on disk.
# This is what try-repo does (staged files and changes to tracked files; new untracked files are
# left out), done once.
hooks_repo=$repo
hooks_rev=$(git -C "$repo" rev-parse HEAD)
if ! git -C "$repo" diff --quiet --no-ext-diff HEAD; then
  shadow="$work/shadow-repo"
  git clone --quiet "$repo" "$shadow"
  git -C "$shadow" checkout --quiet "$hooks_rev" -b _pc_tmp
  # git add in the repository, into the shadow's index and objects: the repository is untouched.
  shadow_git=(env GIT_INDEX_FILE="$(git -C "$shadow" rev-parse --absolute-git-dir)/index"
    GIT_OBJECT_DIRECTORY="$(git -C "$shadow" rev-parse --absolute-git-dir)/objects")
  git -C "$repo" diff --staged --name-only --no-ext-diff -z --diff-filter=ACMRTUXB \
    | (cd "$repo" && xargs -0 -r "${shadow_git[@]}" git add --)
  (cd "$repo" && "${shadow_git[@]}" git add -u)
  git -C "$shadow" -c user.name=CI -c user.email=ci@example.com \
    commit --quiet --no-edit --no-gpg-sign --no-verify -m "uncommitted changes"
  hooks_repo=$shadow
  hooks_rev=$(git -C "$shadow" rev-parse HEAD)
fi

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
cat > bad.go <<'GO'
package shop

import "github.com/dodopayments/dodopayments-go"

var params = dodopayments.CheckoutSessionRequestParam{
	ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{ProductID: dodopayments.F("pdt_123"), Quantity: dodopayments.F(int64(0))}}),
}
GO
cat > bad.vue <<'VUE'
<template><p>checkoutSessions.create: Pay</p></template>
<script setup lang="ts">
import DodoPayments from 'dodopayments';
const client = new DodoPayments();
const session = await client.checkoutSessions.create({
  product_cart: [{ product_id: 'pdt_123', quantity: 0 }],
});
</script>
VUE
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks_repo
    rev: $hooks_rev
    hooks:
      - id: checkout-lint
      - id: checkout-lint-python
YAML
git add bad.json good.json bad.ts plain.ts bad.py bad.go bad.vue package.json locales/en.json .pre-commit-config.yaml

fail() { echo "pre-commit hook test failed: $*" >&2; exit 1; }

# Both hooks' environments, once: pre-commit clones the repository into its store and builds each
# hook there (cargo install; pip install, which builds the wheel).
"$work/venv/bin/pre-commit" install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "the hooks did not install"; }

for hook in checkout-lint checkout-lint-python; do
  if "$work/venv/bin/pre-commit" run "$hook" --files bad.json >"$work/bad.log" 2>&1; then
    cat "$work/bad.log"; fail "$hook passed a payload with quantity 0"
  fi
  grep -q "zero-quantity" "$work/bad.log" || { cat "$work/bad.log"; fail "$hook: the output does not name the rule"; }
  grep -q "bad.json:2:" "$work/bad.log" || { cat "$work/bad.log"; fail "$hook: the output does not point at the line"; }

  if ! "$work/venv/bin/pre-commit" run "$hook" --files good.json >"$work/good.log" 2>&1; then
    cat "$work/good.log"; fail "$hook blocked a good payload"
  fi
  grep -q "Passed" "$work/good.log" || { cat "$work/good.log"; fail "$hook: pre-commit did not report Passed"; }

  # A commit that touches only project files and data JSON passes: they are not payloads.
  if ! "$work/venv/bin/pre-commit" run "$hook" --files package.json locales/en.json >"$work/other.log" 2>&1; then
    cat "$work/other.log"; fail "$hook blocked package.json or a JSON array that is not a payload"
  fi

  # Source files: the hook's `files` pattern hands .ts files over; a payload in one is linted where it
  # is written, and a file without one is silent.
  if "$work/venv/bin/pre-commit" run "$hook" --files bad.ts plain.ts >"$work/ts.log" 2>&1; then
    cat "$work/ts.log"; fail "$hook passed a .ts payload with quantity 0"
  fi
  grep -q "bad.ts:4:.*zero-quantity" "$work/ts.log" || { cat "$work/ts.log"; fail "$hook: no zero-quantity at bad.ts:4"; }
  if grep -q "plain.ts" "$work/ts.log"; then
    cat "$work/ts.log"; fail "$hook reported a file without a payload"
  fi
  if "$work/venv/bin/pre-commit" run "$hook" --files bad.py >"$work/py.log" 2>&1; then
    cat "$work/py.log"; fail "$hook passed a .py payload with quantity 0"
  fi
  grep -q "bad.py:4:.*zero-quantity" "$work/py.log" || { cat "$work/py.log"; fail "$hook: no zero-quantity at bad.py:4"; }
  if "$work/venv/bin/pre-commit" run "$hook" --files bad.go >"$work/go.log" 2>&1; then
    cat "$work/go.log"; fail "$hook passed a .go payload with quantity 0"
  fi
  grep -q "bad.go:6:.*zero-quantity" "$work/go.log" || { cat "$work/go.log"; fail "$hook: no zero-quantity at bad.go:6"; }

  # A component's script block: handed over by extension, linted at the component's line.
  if "$work/venv/bin/pre-commit" run "$hook" --files bad.vue >"$work/vue.log" 2>&1; then
    cat "$work/vue.log"; fail "$hook passed a .vue payload with quantity 0"
  fi
  grep -q "bad.vue:6:.*zero-quantity" "$work/vue.log" || { cat "$work/vue.log"; fail "$hook: no zero-quantity at bad.vue:6"; }

  echo "pre-commit hook $hook: blocks bad.json, bad.ts, bad.py, bad.go and bad.vue (zero-quantity), passes good.json"
done
