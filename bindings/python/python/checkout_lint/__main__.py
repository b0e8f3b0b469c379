"""The `checkout-lint` command, installed with the package: the same command line as the Rust
binary (the engine's own), so a Python project can use the pre-commit hook with
`language: python`."""

from __future__ import annotations

import signal
import sys

from ._native import run_cli


def main() -> int:
    # Ctrl-C stops the command as it stops the binary. Python's own handler only sets a flag, which
    # nothing reads while the command line runs in native code (a long lint, `checkout-lint lsp`).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    return run_cli(["checkout-lint", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
