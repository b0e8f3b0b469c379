import datetime
import enum
import json
import math

import pytest

import checkout_lint

CART = [{"product_id": "pdt_1", "quantity": 1}]


class Currency(str, enum.Enum):
    USD = "USD"


class Count(enum.IntEnum):
    ONE = 1


@pytest.mark.parametrize(
    ("payload", "error", "message"),
    [
        ({"product_cart": CART, "metadata": {"tags": {"a"}}}, TypeError, 'payload["metadata"]["tags"]: a value of type set is not JSON'),
        ({"product_cart": CART, "metadata": {"at": datetime.date(2026, 1, 1)}}, TypeError, 'payload["metadata"]["at"]: a value of type date is not JSON'),
        ({"product_cart": [{"product_id": "p", "quantity": math.nan}]}, ValueError, 'payload["product_cart"][0]["quantity"]: NaN is not a JSON number'),
        ({"product_cart": CART, "discount": math.inf}, ValueError, 'payload["discount"]: inf is not a JSON number'),
        ({"product_cart": CART, "metadata": {1: "x"}}, TypeError, 'payload["metadata"]: the key 1 is not a str'),
        ({"product_cart": CART, "customer": {"name": "\ud800"}}, ValueError, 'payload["customer"]["name"]: the string holds a lone surrogate'),
        ({"product_cart": CART, "return_url": b"https://x"}, TypeError, 'payload["return_url"]: a value of type bytes is not JSON'),
    ],
)
def test_values_json_cannot_hold_are_errors_that_say_where(payload, error, message):
    with pytest.raises(error) as raised:
        checkout_lint.lint(payload)
    assert str(raised.value).startswith(message)


def test_a_circular_reference_is_an_error_not_a_crash():
    payload = {"product_cart": CART, "metadata": {}}
    payload["metadata"]["self"] = payload
    with pytest.raises(ValueError, match="circular reference"):
        checkout_lint.lint(payload)


def test_tuples_enums_bools_and_big_ints_convert_as_json_dumps_writes_them():
    payload = {
        "product_cart": ({"product_id": "p", "quantity": Count.ONE},),
        "billing_currency": Currency.USD,
        "confirm": False,
    }
    assert checkout_lint.lint(payload).errors == []
    huge = {"product_cart": [{"product_id": "p", "quantity": 10**30}]}
    found = {(d.rule, d.pointer) for d in checkout_lint.lint(huge)}
    assert found == {("out-of-range", "/product_cart/0/quantity")}
    assert checkout_lint.to_json(huge) == '{"product_cart":[{"product_id":"p","quantity":1000000000000000000000000000000}]}'


def test_a_float_keeps_its_fraction_so_integer_fields_catch_it():
    report = checkout_lint.lint({"product_cart": [{"product_id": "p", "quantity": 2.0}]})
    assert ("invalid-type", "/product_cart/0/quantity") in {(d.rule, d.pointer) for d in report}


def test_text_is_linted_as_written():
    report = checkout_lint.lint('{"product_cart": [')
    assert report.has_errors
    assert report.diagnostics[0].rule == "invalid-json"
    assert report.diagnostics[0].span.offset == 18


def test_non_ascii_text_has_byte_spans_and_utf16_ranges():
    payload = {"customer": {"name": "Zoë 😀"}, "product_cart": [{"product_id": "p", "quantity": 0}]}
    found = next(d for d in checkout_lint.lint(payload) if d.rule == "zero-quantity")
    compact = checkout_lint.to_json(payload)
    assert compact == json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    assert compact.encode()[found.span.offset : found.span.offset + 1] == b"0"
    # UTF-16: the emoji counts twice, the ë once.
    utf16_index = len(compact[: compact.index('"quantity":0') + 11].encode("utf-16-le")) // 2
    assert found.range.start.character == utf16_index


def test_wrong_types_and_unknown_fields_are_diagnostics():
    report = checkout_lint.lint({"product_cart": [{"product_id": "p", "quantity": "2"}], "colour": "red"})
    found = {(d.rule, d.pointer) for d in report}
    assert ("invalid-type", "/product_cart/0/quantity") in found
    assert ("unknown-field", "/colour") in found
