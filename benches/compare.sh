#!/usr/bin/env bash
# checkout-lint against the tools users would otherwise pick, on the same generated corpus of
# 2,000 payload files: check-jsonschema (PyPI, the usual pre-commit JSON Schema hook) and
# jsonschema-cli (crates.io), both validating against schemas/checkout-session.schema.json.
# Prints medians (hyperfine), ratios, CPU time (user + system) and peak memory (/usr/bin/time -v). Installs the peers into
# a temporary folder; needs python3, cargo, and hyperfine (Debian package; installed if missing).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"

if ! command -v hyperfine >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq hyperfine >/dev/null 2>&1 || { $sudo apt-get update -qq && $sudo apt-get install -y -qq hyperfine >/dev/null; }
fi
cargo build --profile dist --quiet
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check check-jsonschema
# JSONSCHEMA_CLI=/path/to/jsonschema-cli skips its (slow) build.
jsc="${JSONSCHEMA_CLI:-}"
if [ -z "$jsc" ]; then
  cargo install --quiet --root "$work/cargo" jsonschema-cli >/dev/null 2>&1
  jsc="$work/cargo/bin/jsonschema-cli"
fi
lint="$repo/target/dist/checkout-lint"
cjs="$work/venv/bin/check-jsonschema"
schema="$repo/schemas/checkout-session.schema.json"

# The corpus: the bundled and documentation payloads, varied (quantities, ids, optional fields).
python3 benches/gen_corpus.py "$work/corpus" 2000
files=("$work"/corpus/*.json)

echo "corpus: ${#files[@]} files, $(du -sh "$work/corpus" | cut -f1)"
# Four rounds of five runs per tool, the tools taking turns, so that a busy spell on a shared
# machine lands on every tool rather than on whichever ran then; medians over all 20 runs.
for round in 1 2 3 4; do
  hyperfine --warmup 2 --runs 5 --ignore-failure --export-json "$work/times-$round.json" \
    -n checkout-lint "$lint --isolated --format concise $work/corpus" \
    -n jsonschema-cli "$jsc validate $schema --errors-only -i ${files[*]}" \
    -n check-jsonschema "$cjs --schemafile $schema ${files[*]}" >/dev/null 2>&1 || true
done
python3 - "$work" <<'PY'
import glob, json, statistics, sys
times, cpu = {}, {}
for path in sorted(glob.glob(f"{sys.argv[1]}/times-*.json")):
    for result in json.load(open(path))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
        cpu.setdefault(result["command"], []).append(result["user"] + result["system"])
base = statistics.median(times["checkout-lint"])
print(f"{'tool':18} {'median s':>10} {'× checkout-lint':>16} {'CPU s':>8}")
for name, runs in times.items():
    median = statistics.median(runs)
    print(f"{name:18} {median:10.3f} {median / base:16.2f} {statistics.mean(cpu[name]):8.3f}")
PY
for tool in checkout-lint jsonschema-cli check-jsonschema; do
  case $tool in
    checkout-lint) cmd=("$lint" --isolated --format concise "$work/corpus") ;;
    jsonschema-cli) cmd=("$jsc" validate "$schema" --errors-only -i "${files[@]}") ;;
    check-jsonschema) cmd=("$cjs" --schemafile "$schema" "${files[@]}") ;;
  esac
  /usr/bin/time -v -o "$work/time.txt" "${cmd[@]}" >/dev/null 2>&1 || true
  peak=$(awk -F': ' '/Maximum resident/ {print $2}' "$work/time.txt")
  echo "$tool peak memory: ${peak:-?} KB"
done
one="${files[0]}"
hyperfine --warmup 3 --runs 30 --ignore-failure -N \
  -n "checkout-lint (1 file)" "$lint --isolated $one" \
  -n "jsonschema-cli (1 file)" "$jsc validate $schema --errors-only -i $one" 2>/dev/null | grep -E "Time|±|checkout|jsonschema" || true
