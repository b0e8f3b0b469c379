#!/usr/bin/env bash
# Bounded cost on hostile input: lints every file of tests/hostile/ plus generated huge ones with
# the release binary and prints wall time and peak memory next to the file size.
# The bar (issue "Reliability"): under a second each, peak memory under 10x the file size on
# top of the process's fixed footprint (start-up plus the compiled schema, measured on the
# smallest valid payload and printed first); `ratio` is that net figure, `gross` the plain one.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile dist --quiet
bin=target/dist/checkout-lint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import json, sys
out = sys.argv[1]
def write(name, data):
    open(f"{out}/{name}", "wb").write(data.encode() if isinstance(data, str) else data)
write("deep-arrays.json", "[" * 100_000)
write("deep-objects.json", '{"a":' * 50_000)
write("string-2MB.json", '{"product_cart": [{"product_id": "p", "quantity": 1}], "tax_id": "' + "x" * (2 << 20) + '"}')
write("baseline.json", '{"product_cart": []}')
# The test suite's 60,000-item cart (one product repeated: a single finding).
write("cart-60000-one-finding.json", '{"product_cart": [' + ",".join(['{"product_id": "pdt_1", "quantity": 1}'] * 60_000) + "]}")
# Harsher: a finding on every item, so the report outgrows the payload.
write("cart-60000.json", json.dumps({"product_cart": [{"product_id": f"pdt_{i}", "quantity": 0} for i in range(60_000)]}, indent=2))
write("minified-9MB.json", json.dumps({"product_cart": [{"product_id": f"pdt_{i:021}", "quantity": 0} for i in range(160_000)]}, separators=(",", ":")))
write("over-limit-20MB.json", '{"x": "' + "y" * (20 << 20) + '"}')
# Source files (issue 23): nesting past the limits, and data flow and suppressions that once
# cost the square of the file. Each doubled shape should cost about twice the single one.
write("deep-parens.ts", "// checkoutSessions\nconst x = " + "(" * 6000 + "1" + ")" * 6000 + ";\n")
write("deep-lists.py", "# checkout_sessions\nx = " + "[" * 40000 + "]" * 40000 + "\n")
write("member-chain.ts", "// checkoutSessions\nconst x = a" + ".b" * 300000 + ";\n")
sdk_ts = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst params = {product_cart: [{product_id: 'p', quantity: 1}]};\n"
sdk_py = "from dodopayments import DodoPayments\nclient = DodoPayments()\nparams = {'product_cart': [{'product_id': 'p', 'quantity': 1}]}\n"
for n in (4000, 8000):
    write(f"assign-send-{n}.ts", sdk_ts + "".join(f"params['m{i}'] = 1; await client.checkoutSessions.create(params);\n" for i in range(n)))
    write(f"assign-send-{n}.py", sdk_py + "".join(f"params['m{i}'] = 1\nclient.checkout_sessions.create(**params)\n" for i in range(n)))
    write(f"suppressions-{2 * n}.ts", sdk_ts + "".join("// checkout-lint-disable-next-line zero-quantity\nclient.checkoutSessions.create({product_cart: [{product_id: 'p', quantity: 0}]});\n" for _ in range(2 * n)))
PY
cp tests/hostile/*.json "$work"/

measure() { # file -> "seconds peak_KB"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$bin" --isolated --format json "$1" >/dev/null 2>&1 || true
  tail -n 1 "$work/time.txt"
}
read -r _ base < <(measure "$work/baseline.json")
echo "fixed footprint: $base KB"
printf '%-30s %12s %8s %10s %8s %8s\n' file bytes seconds peak_KB ratio gross
for file in "$work"/*.json; do
  size=$(stat -c %s "$file")
  read -r seconds peak < <(measure "$file")
  read -r net gross < <(python3 -c "print(f'{max($peak-$base,0)*1024/max($size,1):.1f} {$peak*1024/max($size,1):.1f}')")
  printf '%-30s %12s %8s %10s %8s %8s\n' "$(basename "$file")" "$size" "$seconds" "$peak" "$net" "$gross"
done
