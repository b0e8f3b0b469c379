import json

import pytest

import checkout_lint
from conftest import MISSION_CASES, MISSION_CONFIG, ROOT

linter = checkout_lint.Linter(config=MISSION_CONFIG)


@pytest.mark.parametrize("case", MISSION_CASES, ids=lambda c: c["rule"])
def test_rule_found_at_its_pointer_in_the_file_text(case):
    source = (ROOT / case["file"]).read_bytes()
    found = [d for d in linter.lint(source.decode()) if d.rule == case["rule"]]
    assert found, f"{case['rule']} not reported"
    assert found[0].pointer == case["pointer"]
    if "text" in case:
        span = found[0].span
        assert source[span.offset : span.offset + span.length].decode() == case["text"]


@pytest.mark.parametrize("case", MISSION_CASES, ids=lambda c: c["rule"])
def test_rule_found_at_its_pointer_in_a_dict(case):
    payload = json.loads((ROOT / case["file"]).read_text())
    report = checkout_lint.lint(payload, config=str(MISSION_CONFIG))
    found = [d for d in report if d.rule == case["rule"]]
    assert found, f"{case['rule']} not reported"
    assert found[0].pointer == case["pointer"]
    # Spans refer to the compact JSON the dict was converted to.
    compact = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    if "text" in case:
        span = found[0].span
        assert compact[span.offset : span.offset + span.length].decode() == case["text"]
