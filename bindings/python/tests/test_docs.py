import json
from dataclasses import fields

import pytest

import checkout_lint
from conftest import DOC_EXAMPLES

CONTRACT_FIELDS = {"rule", "severity", "message", "pointer", "span", "range", "labels", "help", "fix"}


def test_the_documentation_examples_exist():
    assert len(DOC_EXAMPLES) >= 10


@pytest.mark.parametrize("path", DOC_EXAMPLES, ids=lambda p: p.name)
def test_documentation_example_has_no_errors_as_dict_and_as_text(path):
    text = path.read_text()
    for payload in (json.loads(text), text):
        report = checkout_lint.lint(payload, name=path.name)
        assert [str(d) for d in report.errors] == []
        assert report.has_errors is False


def test_diagnostics_carry_the_json_contract_fields():
    assert {f.name for f in fields(checkout_lint.Diagnostic)} == CONTRACT_FIELDS


@pytest.mark.parametrize("path", DOC_EXAMPLES, ids=lambda p: p.name)
def test_a_dict_is_linted_as_the_compact_json_json_dumps_writes(path):
    payload = json.loads(path.read_text())
    expected = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    assert checkout_lint.to_json(payload) == expected
