#!/usr/bin/env bash
# Fuzz checkout-lint with libFuzzer (cargo-fuzz).
#   fuzz/run.sh [SECONDS] [TARGET...]   default: 600 seconds for each target, every target
# Targets: lint (the engine, report only), render_human, render_json, render_sarif,
# render_github, render_concise (one renderer each, small inputs), config (checkout-lint.toml
# and catalogue readers), lsp (the language server's transport and message handling), js (the
# JavaScript/TypeScript front-end, fixes included), python (the Python front-end, the same way),
# go (the Go front-end, the same way).
# Needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP lets the stable toolchain build the
# sanitizer instrumentation cargo-fuzz asks for.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(lint js python go render_human render_json render_sarif render_github render_concise config lsp)
fi

seed() {
  local target=$1 corpus=corpus/$1
  mkdir -p "$corpus"
  case $target in
    config)
      cp ../examples/*/checkout-lint.toml ../examples/catalogue/*.json "$corpus"/ 2>/dev/null || true
      printf '[rules]\nmixed-cart = "off"\n[[overrides]]\nfiles = ["a/*.json"]\npointers = ["/confirm"]\nrules = { zero-quantity = "warning" }\n' > "$corpus/overrides.toml"
      ;;
    lsp)
      python3 - "$corpus" <<'PY'
import json, sys
def frame(message):
    body = json.dumps(message)
    return f"Content-Length: {len(body.encode())}\r\n\r\n{body}".encode()
uri = "file:///tmp/checkout-lint-fuzz/payloads/body.json"
text = '{"product_cart": [{"product_id": "pdt_1", "quantity": 0}], "billing_currency": "usd"}'
session = [
    {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
    {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1, "text": text}}},
    {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 20}}},
    {"jsonrpc": "2.0", "id": 3, "method": "textDocument/completion", "params": {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 2}}},
    {"jsonrpc": "2.0", "id": 4, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 90}}, "context": {"diagnostics": []}}},
    {"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "{\"product_cart\": []"}]}},
    {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
    {"jsonrpc": "2.0", "method": "exit"},
]
open(f"{sys.argv[1]}/session", "wb").write(b"".join(frame(m) for m in session))
PY
      ;;
    js)
      cp ../tests/fixtures/source/* "$corpus"/ 2>/dev/null || true
      seed_hostile_source "$corpus" js
      ;;
    python)
      cp ../tests/fixtures/python/* "$corpus"/ 2>/dev/null || true
      # The project stage's shapes, each module on its own: injected clients, builders with
      # parameters, maps iterated, conditionals, URL helpers.
      find ../tests/fixtures/projects -name '*.py' -size +0 | while read -r file; do
        cp "$file" "$corpus/project-$(echo "${file#../tests/fixtures/projects/}" | tr / -)"
      done
      seed_hostile_source "$corpus" py
      ;;
    go)
      find ../tests/fixtures/go -name '*.go' -exec cp {} "$corpus"/ \; 2>/dev/null || true
      seed_hostile_source "$corpus" go
      ;;
    *)
      # Every payload the project has: examples, documentation payloads, hostile inputs.
      cp ../examples/payloads/*/*.json ../tests/fixtures/doc-examples/*.json ../tests/fixtures/*.json \
         ../tests/hostile/*.json "$corpus"/ 2>/dev/null || true
      ;;
  esac
}

# The shapes issue 23 found: nesting at and past the limits, long assignment-and-send chains,
# many suppression comments (each within the target's max_len).
seed_hostile_source() {
  python3 - "$1" "$2" <<'PY'
import sys
out, lang = sys.argv[1], sys.argv[2]
def write(name, text):
    open(f"{out}/hostile-{name}", "w").write(text)
if lang == "js":
    head = "import DodoPayments from 'dodopayments';\nconst client = new DodoPayments();\nconst params = {product_cart: [{product_id: 'p', quantity: 1}]};\n"
    write("parens-255.ts", "// checkoutSessions\nconst x = " + "(" * 255 + "1" + ")" * 255 + ";\n")
    write("parens-300.ts", "// checkoutSessions\nconst x = " + "(" * 300 + "1" + ")" * 300 + ";\n")
    write("bangs.ts", "// checkoutSessions\nconst x = " + "!" * 400 + "y;\n")
    write("chain.ts", "// checkoutSessions\nconst x = a" + ".b" * 1500 + ";\n")
    write("assign.ts", head + "".join(f"params['m{i}'] = 1; await client.checkoutSessions.create(params);\n" for i in range(150)))
    write("suppress.ts", head + "// checkout-lint-disable-next-line zero-quantity\nclient.checkoutSessions.create({product_cart: [{product_id: 'p', quantity: 0}]});\n" * 100)
elif lang == "go":
    head = "package a\nimport \"github.com/dodopayments/dodopayments-go\"\nvar params = dodopayments.CheckoutSessionNewParams{}\n"
    send = "func f%d() { params.CheckoutSessionRequest.Confirm = dodopayments.F(true); client.CheckoutSessions.New(ctx, params) }\n"
    write("parens-255.go", head + "var x = " + "(" * 255 + "1" + ")" * 255 + "\n")
    write("parens-300.go", head + "var x = " + "(" * 300 + "1" + ")" * 300 + "\n")
    write("minus.go", head + "var x = " + "- " * 1500 + "1\n")
    write("chain.go", head + "var x = a" + ".b" * 1500 + "\n")
    write("assign.go", head + "".join(send % i for i in range(150)))
    write("suppress.go", head + "// checkout-lint-disable-next-line zero-quantity\nvar p = dodopayments.CheckoutSessionRequestParam{ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{Quantity: dodopayments.F(int64(0))}})}\n" * 60)
else:
    head = "from dodopayments import DodoPayments\nclient = DodoPayments()\nparams = {'product_cart': [{'product_id': 'p', 'quantity': 1}]}\n"
    write("lists-255.py", "# checkout_sessions\nx = " + "[" * 255 + "]" * 255 + "\n")
    write("lists-300.py", "# checkout_sessions\nx = " + "[" * 300 + "]" * 300 + "\n")
    write("sums.py", "# checkout_sessions\nx = 1" + "+1" * 3000 + "\n")
    write("nots.py", "# checkout_sessions\nx = " + "not " * 1500 + "1\n")
    write("assign.py", head + "".join(f"params['m{i}'] = 1\nclient.checkout_sessions.create(**params)\n" for i in range(150)))
    write("suppress.py", head + "client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': 0}])  # checkout-lint: disable=zero-quantity\n" * 100)
    # Builders calling builders, loops over maps of maps, conditionals in conditionals.
    write("builders.py", head + "".join(f"def b{i}(q):\n    return b{i + 1}(q)\n" for i in range(60)) + "def b60(q):\n    return {'product_cart': [{'product_id': 'p', 'quantity': q}]}\nclient.checkout_sessions.create(**b0(0))\n")
    write("maps.py", head + "PLANS = {" + ", ".join(f"'k{i}': {{'product_cart': [{{'product_id': 'p{i}', 'quantity': {i % 2}}}]}}" for i in range(100)) + "}\nfor p in PLANS.values():\n    client.checkout_sessions.create(**p)\nclient.checkout_sessions.create(**PLANS[k])\n")
    write("conditionals.py", head + "body = " + "".join("params if c else (" for _ in range(100)) + "params" + ")" * 100 + "\nclient.checkout_sessions.create(**body)\n")
    write("injected.py", "class S:\n    def __init__(self, client: 'DodoPayments', dodo=Depends(get_dodo)):\n        self.client = client\n    def go(self, qty: int):\n        return self.client.checkout_sessions.create(product_cart=[{'product_id': 'p', 'quantity': qty}], currency='USD').url\n")
PY
}

max_len() {
  case $1 in
    lint) echo 65536 ;;
    js | python | go) echo 16384 ;;
    lsp) echo 16384 ;;
    *) echo 4096 ;;
  esac
}

# Built once for every target, then each binary is run directly: a change to the sources while
# a long run goes on does not rebuild in the middle of it.
# Optimised without debug assertions (-O), but with overflow checks: oxc_parser 0.146 has a
# debug assertion on `#__PURE__` comments that arbitrary input trips (it is compiled out of
# every released build, ours included), and cargo-fuzz's own debug assertions would turn it on.
RUSTC_BOOTSTRAP=1 RUSTFLAGS="${RUSTFLAGS:-} -Coverflow-checks=on" cargo fuzz build -O
bin=target/x86_64-unknown-linux-gnu/release
for target in "${targets[@]}"; do
  seed "$target"
  mkdir -p "artifacts/$target"
  echo "== $target: $seconds s"
  "$bin/$target" "corpus/$target" -artifact_prefix="artifacts/$target/" \
    -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=5 -print_final_stats=1
done
