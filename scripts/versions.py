#!/usr/bin/env python3
"""One version number for every package checkout-lint ships.

The source is Cargo.toml's `[workspace.package] version`: the crates inherit it and the wheel takes
it from bindings/python's crate (pyproject.toml's `dynamic = ["version"]`). The files that cannot
inherit it (npm's package.json and lockfile, the VS Code extension's, the wheel-based pre-commit
hook's pin, the README's install lines) must say the same; this script checks that they do, and
writes them all when the version changes.

    scripts/versions.py check              # exit 1, listing each file that disagrees
    scripts/versions.py check --tag v1.2.3 # also: the release tag names this version
    scripts/versions.py set 1.2.3          # writes the version everywhere (then `check` passes)
    scripts/versions.py get                # prints the version

Python 3.11+ (tomllib); no dependencies.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent

# Crates whose `version` inherits the workspace's.
CRATES = ["Cargo.toml", "bindings/common/Cargo.toml", "bindings/node/Cargo.toml", "bindings/python/Cargo.toml"]
# package.json files whose `version` is the version, and their lockfiles.
NPM_PACKAGES = ["bindings/node", "editors/vscode"]
HOOK_PYPROJECT = "packaging/pre-commit/pyproject.toml"
# Lines of the README and the hook package's README that name a released version.
DOCS = ["README.md", "packaging/pre-commit/README.md"]
_V = r"(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)"
DOC_PATTERNS = [re.compile(r"(rev: v)" + _V), re.compile(r"(checkout-lint==)" + _V), re.compile(r"(checkout-lint@)" + _V)]
SEMVER = re.compile(r"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")


def read(rel: str) -> str:
    return (ROOT / rel).read_text(encoding="utf-8")


def workspace_version() -> str:
    return tomllib.loads(read("Cargo.toml"))["workspace"]["package"]["version"]


def check(version: str) -> list[str]:
    problems: list[str] = []

    def expect(where: str, found: object) -> None:
        if found != version:
            problems.append(f"{where}: {found!r}, expected {version!r}")

    if not SEMVER.match(version):
        problems.append(f"Cargo.toml: workspace version {version!r} is not X.Y.Z (npm and PyPI need one)")
    for crate in CRATES:
        package = tomllib.loads(read(crate))["package"]
        if package.get("version") != {"workspace": True}:
            problems.append(f"{crate}: [package] version must be `version.workspace = true`")
    lock = tomllib.loads(read("Cargo.lock"))
    names = {tomllib.loads(read(c))["package"]["name"] for c in CRATES}
    for package in lock["package"]:
        if package["name"] in names and "source" not in package:
            expect(f"Cargo.lock: {package['name']}", package["version"])

    project = tomllib.loads(read("pyproject.toml"))["project"]
    if "version" in project or "version" not in project.get("dynamic", []):
        problems.append('pyproject.toml: [project] must have dynamic = ["version"] and no version')

    for folder in NPM_PACKAGES:
        expect(f"{folder}/package.json", json.loads(read(f"{folder}/package.json"))["version"])
        lockfile = json.loads(read(f"{folder}/package-lock.json"))
        expect(f"{folder}/package-lock.json", lockfile["version"])
        expect(f"{folder}/package-lock.json packages['']", lockfile["packages"][""]["version"])

    hook = tomllib.loads(read(HOOK_PYPROJECT))["project"]
    expect(f"{HOOK_PYPROJECT} version", hook["version"])
    expect(f"{HOOK_PYPROJECT} dependencies", hook["dependencies"] and hook["dependencies"][0].removeprefix("checkout-lint=="))
    if len(hook["dependencies"]) != 1:
        problems.append(f"{HOOK_PYPROJECT}: exactly one dependency, checkout-lint=={version}")

    for doc in DOCS:
        for number, line in enumerate(read(doc).splitlines(), 1):
            for pattern in DOC_PATTERNS:
                for match in pattern.finditer(line):
                    expect(f"{doc}:{number}: {match.group(0)}", match.group(2))
    return problems


def set_version(version: str) -> None:
    if not SEMVER.match(version):
        sys.exit(f"not a version: {version!r} (X.Y.Z or X.Y.Z-pre)")
    old = workspace_version()

    def rewrite(rel: str, change: Callable[[str], str]) -> None:
        path = ROOT / rel
        text = path.read_text(encoding="utf-8")
        new = change(text)
        if new != text:
            path.write_text(new, encoding="utf-8")

    rewrite("Cargo.toml", lambda t: re.sub(
        r'(\[workspace\.package\]\nversion = ")[^"]*(")', rf"\g<1>{version}\g<2>", t, count=1))
    names = {tomllib.loads(read(c))["package"]["name"] for c in CRATES}
    rewrite("Cargo.lock", lambda t: re.sub(
        r'(\[\[package\]\]\nname = "([^"]+)"\nversion = ")([^"]*)(")',
        lambda m: m.group(1) + version + m.group(4) if m.group(2) in names else m.group(0),
        t))
    for folder in NPM_PACKAGES:
        for name in ("package.json", "package-lock.json"):
            rel = f"{folder}/{name}"
            data = json.loads(read(rel))
            data["version"] = version
            if name == "package-lock.json":
                data["packages"][""]["version"] = version
            (ROOT / rel).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    rewrite(HOOK_PYPROJECT, lambda t: re.sub(
        r'(?m)^(version = ")[^"]*(")', rf"\g<1>{version}\g<2>", re.sub(
            r'"checkout-lint==[^"]*"', f'"checkout-lint=={version}"', t)))
    for doc in DOCS:
        rewrite(doc, lambda t: _sub_docs(t, version))
    print(f"{old} -> {version}")


def _sub_docs(text: str, version: str) -> str:
    for pattern in DOC_PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + version, text)
    return text


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "get":
        print(workspace_version())
        return 0
    if len(argv) == 2 and argv[0] == "set":
        set_version(argv[1])
        return 0
    if argv and argv[0] == "check" and (len(argv) == 1 or (len(argv) == 3 and argv[1] == "--tag")):
        version = workspace_version()
        problems = check(version)
        if len(argv) == 3 and argv[2] != f"v{version}":
            problems.append(f"the tag {argv[2]!r} is not v{version} (Cargo.toml's version)")
        for problem in problems:
            print(f"version mismatch: {problem}", file=sys.stderr)
        if problems:
            return 1
        print(f"versions agree: {version} (crates, Cargo.lock, wheel, npm packages, VS Code extension, pre-commit hook, README)")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
