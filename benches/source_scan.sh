#!/usr/bin/env bash
# Source-scan benchmark: checkout-lint on generated repositories of 10,000 JS/TS files
# (benches/gen_sources.py; once with the checkout sites written in place, once as a project
# whose sites take their client from a factory and their payload from helpers in other modules,
# through a barrel and a tsconfig alias: --project) and 10,000 Python files
# (benches/gen_python.py) and 10,000 Go files (benches/gen_go.py), about 1 % of each creating a
# Dodo checkout session, against
#   - `rg -l` for the strings a payload needs (the floor: reading the files), and
#   - `ast-grep scan` with a rule matching the same call sites (parsing every file).
# checkout-lint does the whole lint: the project stage, finding payloads, schema, rules.
# Hyperfine medians, and checkout-lint's peak memory (GNU time's maximum resident set).
#   benches/source_scan.sh [FILES]
# Needs hyperfine and rg (apt-get install hyperfine ripgrep) and ast-grep (npm i @ast-grep/cli,
# or on PATH); AST_GREP=/path/to/ast-grep picks one.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
files=${1:-10000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for tool in hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 2; }
done
ast_grep=${AST_GREP:-$(command -v ast-grep || true)}
[ -x "$ast_grep" ] || { echo "needs ast-grep (set AST_GREP)" >&2; exit 2; }
cd "$repo"
cargo build --profile dist --quiet
lint="$repo/target/dist/checkout-lint"
# shellcheck disable=SC2154 # pattern (and create, preview, needles) come with each call
run() { # label, generator (with its options), rules (ast-grep languages)
  local label=$1 generator=$2; shift 2
  rm -rf "$work/repo" "$work/rules"
  mkdir -p "$work/rules"
  # shellcheck disable=SC2086 # the generator's options are words
  python3 benches/${generator%% *} "$work/repo" "$files" ${generator#* } 2>/dev/null
  for language in "$@"; do
    cat > "$work/rules/$language.yml" <<YAML
id: dodo-checkout-$language
language: $language
rule:
  any:
    - pattern: \$C.$pattern.${create:-create}(\$\$\$)
    - pattern: \$C.$pattern.${preview:-preview}(\$\$\$)
YAML
  done
  printf 'ruleDirs: [rules]\n' > "$work/sgconfig.yml"
  local bytes
  bytes=$(find "$work/repo" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.1f", s/1e6}')
  echo "$label: $files files, $bytes MB"
  (cd "$work" && hyperfine --warmup 1 --runs 10 --ignore-failure -N --export-json "$work/t.json" \
    -n "rg -l" "rg -l ${needles:--e $pattern -e /checkouts -e CheckoutSession} repo" \
    -n "ast-grep scan" "$ast_grep scan -c sgconfig.yml repo" \
    -n "checkout-lint" "$lint --isolated --format concise repo" >/dev/null 2>&1)
  python3 - "$work/t.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
print("| tool | median | × rg -l |\n|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['median']*1000:.0f} ms | {r['median']/floor:.1f}× |")
PY
  /usr/bin/time -f "checkout-lint peak memory: %M KB" "$lint" --isolated --format concise "$work/repo" \
    2>&1 >/dev/null | grep 'peak memory'
}
pattern=checkoutSessions run "JS/TS" "gen_sources.py " TypeScript Tsx JavaScript
pattern=checkoutSessions run "JS/TS project" "gen_sources.py --project" TypeScript Tsx JavaScript
pattern=checkout_sessions run "Python" "gen_python.py " Python
# Go: the front-end's needles are the SDK's import path and `/checkouts`.
pattern=CheckoutSessions create=New preview=Preview \
  needles="-e github.com/dodopayments/dodopayments-go -e /checkouts" run "Go" "gen_go.py " Go
