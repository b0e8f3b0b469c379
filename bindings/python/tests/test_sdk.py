import subprocess
import sys
from pathlib import Path

import sdk_typed


def test_an_sdk_typed_payload_lints_clean():
    report = sdk_typed.lint_before_sending(sdk_typed.PARAMS)
    assert report.errors == []


def test_a_mistake_the_sdk_types_allow_is_caught():
    found = {(d.rule, d.pointer) for d in sdk_typed.with_a_mistake_the_types_allow()}
    assert ("zero-quantity", "/product_cart/0/quantity") in found
    assert ("ineffective-billing-currency", "/billing_currency") in found


def test_the_sdk_typed_files_type_check_against_the_stubs():
    here = Path(__file__).parent
    files = [str(here / "sdk_typed.py"), str(here / "guard_typed.py")]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files],
        capture_output=True,
        text=True,
        cwd=here,
    )
    assert result.returncode == 0, result.stdout + result.stderr
