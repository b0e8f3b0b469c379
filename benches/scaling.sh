#!/usr/bin/env bash
# Lint time against file count (1 → 10,000 files of a generated corpus, benches/gen_corpus.py):
# hyperfine medians, time per file, and CPU use (user+sys over wall: about 2.0 means both cores
# of this machine were busy). The last row pins the largest run to one core, to show what the
# parallel linting buys. Payload-size scaling (1 KB → 10 MB) is in `cargo bench --bench lint`.
# Then payload shapes (wide objects, long arrays of findings, deep nesting) at doubling sizes.
#   benches/scaling.sh          both tables
#   benches/scaling.sh shapes   only the shapes
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --profile dist --quiet
lint="$repo/target/dist/checkout-lint"
only=${1:-all}
if [ "$only" != shapes ]; then
python3 benches/gen_corpus.py "$work/all" 10000
files=("$work"/all/*.json)

printf '| files | MB | median | per file | CPU use |\n|---|---|---|---|---|\n'
run() { # name, cpu-pinning prefix, dir
  local label=$1 pin=$2 dir=$3
  hyperfine --warmup 1 --runs 10 --ignore-failure -N --export-json "$work/t.json" \
    "$pin $lint --isolated --format concise $dir" >/dev/null 2>&1
  # shellcheck disable=SC2086 # the pinning prefix is words (`taskset -c 0`), or none
  /usr/bin/time -f "%e %U %S" -o "$work/cpu.txt" $pin "$lint" --isolated --format concise "$dir" >/dev/null 2>&1 || true
  python3 - "$work/t.json" "$work/cpu.txt" "$dir" "$label" <<'PY'
import json, os, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"]
wall, user, system = (float(x) for x in open(sys.argv[2]).read().split()[-3:])
names = os.listdir(sys.argv[3])
size = sum(os.path.getsize(os.path.join(sys.argv[3], n)) for n in names)
# /usr/bin/time counts in hundredths of a second: too coarse for the small runs.
cpu = f"{(user + system) / wall:.2f}" if wall >= 0.05 else "–"
print(f"| {sys.argv[4]} | {size / 1e6:.2f} | {median * 1000:.1f} ms | {median / len(names) * 1e6:.0f} µs | {cpu} |")
PY
}
for count in 1 10 100 1000 10000; do
  mkdir -p "$work/n$count"
  # Hard links: real files to the directory walker (it does not follow symlinks).
  for file in "${files[@]:0:$count}"; do ln "$file" "$work/n$count/"; done
  run "$count" "" "$work/n$count"
done
run "10000 (one core)" "taskset -c 0" "$work/n10000"
fi

# Payload shapes that once cost quadratic time or memory per finding (issue: security and
# robustness): each at three sizes, doubling. Linear cost shows as a flat µs-per-1,000-members
# column; peak memory stays a small multiple of the file past the ~9 MB fixed footprint.
python3 - "$work/shapes" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
cart = '"product_cart": [{"product_id": "pdt_1", "quantity": 1}]'
def members(n, fmt):
    return ", ".join(fmt.format(i=i) for i in range(n))
shapes = {
    "unknown-keys": lambda n: "{" + cart + ", " + members(n, '"k{i}": 1') + "}",
    "duplicate-keys": lambda n: "{" + cart + ", " + members(n, '"confirm": true') + "}",
    "metadata-wrong-types": lambda n: "{" + cart + ', "metadata": {' + members(n, '"m{i}": []') + "}}",
    "invalid-methods": lambda n: "{" + cart + ', "allowed_payment_method_types": [' + members(n, '"x{i}"') + "]}",
    "zero-quantities": lambda n: '{"product_cart": [' + members(n, '{{"product_id": "p{i}", "quantity": 0}}') + "]}",
    "deep-legal-nesting": lambda n: "{" + cart + ', "deep": [' + ", ".join(["[" * 120 + "1" + "]" * 120] * (n // 100)) + "]}",
}
for name, make in shapes.items():
    for n in (50_000, 100_000, 200_000):
        open(f"{out}/{name}-{n}.json", "w").write(make(n))
PY
printf '\n| shape | members | MB | median | µs per 1,000 members | peak MB |\n|---|---|---|---|---|---|\n'
# In natural order (50000 before 100000); the generated names hold no spaces or newlines.
mapfile -t shape_files < <(printf '%s\n' "$work"/shapes/*.json | sort -V)
for file in "${shape_files[@]}"; do
  hyperfine --warmup 1 --runs 5 --ignore-failure -N --export-json "$work/t.json" \
    "$lint --isolated --format concise $file" >/dev/null 2>&1
  /usr/bin/time -f "%M" -o "$work/mem.txt" "$lint" --isolated --format sarif "$file" >/dev/null 2>&1 || true
  python3 - "$work/t.json" "$work/mem.txt" "$file" <<'PY'
import json, os, re, sys
median = json.load(open(sys.argv[1]))["results"][0]["median"]
peak = int(open(sys.argv[2]).read().split()[-1]) / 1024
name = os.path.basename(sys.argv[3])[:-5]
shape, n = re.match(r"(.*)-(\d+)$", name).groups()
size = os.path.getsize(sys.argv[3]) / 1e6
print(f"| {shape} | {int(n):,} | {size:.1f} | {median * 1000:.0f} ms | {median / int(n) * 1e9:.1f} | {peak:.0f} |")
PY
done
