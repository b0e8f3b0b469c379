"""The wheel's console script: the same command line as the Rust binary."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import MISSION_CONFIG, ROOT

SCRIPT = shutil.which("checkout-lint", path=str(Path(sys.executable).parent))


def run(*args):
    assert SCRIPT, "the wheel did not install a checkout-lint script"
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=ROOT)


def test_a_bad_payload_fails_with_the_rule_and_line():
    result = run("--config", str(MISSION_CONFIG), "--format", "concise", "examples/payloads/bad/zero-quantity.json")
    assert result.returncode == 1, result.stderr
    assert "examples/payloads/bad/zero-quantity.json:3:49: error[zero-quantity]" in result.stdout


def test_good_payloads_pass():
    result = run("--config", str(MISSION_CONFIG), "examples/payloads/good")
    assert result.returncode == 0, result.stdout + result.stderr


def test_usage_errors_exit_2():
    result = run("--rule", "no-such-rule=off", "examples/payloads/good")
    assert result.returncode == 2
    assert "no-such-rule" in result.stderr


def test_python_dash_m_runs_the_same_command():
    result = subprocess.run([sys.executable, "-m", "checkout_lint", "rules"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "zero-quantity" in result.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_the_command_as_it_stops_the_binary():
    # Python's own SIGINT handler only sets a flag, which nothing checks while the command line
    # runs in native code: `checkout-lint lsp` (blocked reading stdin) or a long lint would carry on.
    with subprocess.Popen([SCRIPT, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("checkout-lint lsp ignored SIGINT")
        assert proc.returncode == -signal.SIGINT
