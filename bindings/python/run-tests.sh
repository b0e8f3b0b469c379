#!/usr/bin/env bash
# Builds the wheel with maturin, installs it into a temporary virtualenv with the official
# Python SDK, and runs the pytest suite (tests/) there, as a user's project would see it. With
# CHECKOUT_LINT_DIST set, the wheel is also copied there (CI's release checks reuse it).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
pip="$work/venv/bin/pip"
"$pip" install --quiet --disable-pip-version-check \
  maturin==1.16.0 pytest==9.2.0 mypy==2.4.1 dodopayments==1.123.0
(cd "$repo" && "$work/venv/bin/maturin" build --release --locked --out "$work/wheels" --quiet)
"$pip" install --quiet --disable-pip-version-check "$work"/wheels/checkout_lint-*.whl
# CI keeps the wheel for the release checks (tests/release/run.sh), which test it as built here.
if [ -n "${CHECKOUT_LINT_DIST:-}" ]; then
  mkdir -p "$CHECKOUT_LINT_DIST"
  rm -f "$CHECKOUT_LINT_DIST"/checkout_lint-*.whl
  cp "$work"/wheels/checkout_lint-*.whl "$CHECKOUT_LINT_DIST"/
fi

cd "$here"
"$work/venv/bin/python" -m pytest -q -p no:cacheprovider tests "$@"
