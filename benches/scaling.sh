#!/usr/bin/env bash
# Lint time against file count (1 → 10,000 files of a generated corpus, benches/gen_corpus.py):
# hyperfine medians, time per file, and CPU use (user+sys over wall: about 2.0 means both cores
# of this machine were busy). The last row pins the largest run to one core, to show what the
# parallel linting buys. Payload-size scaling (1 KB → 10 MB) is in `cargo bench --bench lint`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
command -v hyperfine >/dev/null || { echo "needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
lint="$repo/target/release/checkout-lint"
python3 benches/gen_corpus.py "$work/all" 10000
files=("$work"/all/*.json)

printf '| files | MB | median | per file | CPU use |\n|---|---|---|---|---|\n'
run() { # name, cpu-pinning prefix, dir
  local label=$1 pin=$2 dir=$3
  hyperfine --warmup 1 --runs 10 --ignore-failure -N --export-json "$work/t.json" \
    "$pin $lint --isolated --format concise $dir" >/dev/null 2>&1
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
