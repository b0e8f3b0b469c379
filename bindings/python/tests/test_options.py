import threading

import pytest

import checkout_lint
from conftest import MISSION_CONFIG

ZERO = {"product_cart": [{"product_id": "pdt_1", "quantity": 0}]}
UPI_ONLY = {"product_cart": [{"product_id": "pdt_1", "quantity": 1}], "allowed_payment_method_types": ["upi_collect"]}
CATALOGUE = [
    {
        "product_id": "pdt_sub",
        "name": "Pro monthly",
        "price": {
            "type": "recurring_price", "price": 900, "currency": "USD", "payment_frequency_count": 1,
            "payment_frequency_interval": "Month", "subscription_period_count": 1,
            "subscription_period_interval": "Year", "discount": 0, "purchasing_power_parity": False,
            "tax_inclusive": False,
        },
    },
    {
        "product_id": "pdt_book",
        "name": "E-book",
        "price": {"type": "one_time_price", "price": 500, "currency": "USD", "discount": 0, "purchasing_power_parity": False},
    },
]
MIXED = {"product_cart": [{"product_id": "pdt_sub", "quantity": 1}, {"product_id": "pdt_book", "quantity": 1}]}


def rules(report):
    return [d.rule for d in report]


def test_an_inline_config_dict_turns_a_rule_off():
    assert "zero-quantity" in rules(checkout_lint.lint(ZERO))
    assert "zero-quantity" not in rules(checkout_lint.lint(ZERO, config={"rules": {"zero-quantity": "off"}}))


def test_a_catalogue_given_as_data_makes_the_cart_rules_work():
    assert "mixed-cart" not in rules(checkout_lint.lint(MIXED))
    found = [d for d in checkout_lint.lint(MIXED, catalogue=CATALOGUE) if d.rule == "mixed-cart"]
    assert [d.pointer for d in found] == ["/product_cart/1"]
    assert found[0].labels[0].message


def test_a_config_path_loads_the_config():
    report = checkout_lint.lint({"product_cart": [{"product_id": "p", "quantity": 1}], "billing_currency": "GBP"}, config=MISSION_CONFIG)
    assert "ineffective-billing-currency" in rules(report)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"config": {"rules": {"zero-quantities": "off"}}}, "zero-quantity"),
        ({"config": "/nonexistent/checkout-lint.toml"}, "cannot read"),
        ({"catalogue": [{"product_id": "p", "price": {"type": "bogus"}}]}, "catalogue"),
        ({"config": {"rules": {"zero-quantity": "loud"}}}, "loud"),
    ],
)
def test_a_wrong_option_is_a_value_error_that_says_what_is_wrong(options, message):
    with pytest.raises(ValueError, match=message):
        checkout_lint.lint(ZERO, **options)


def test_raise_for_errors_lists_the_diagnostics():
    with pytest.raises(checkout_lint.CheckoutLintError) as raised:
        checkout_lint.lint(ZERO).raise_for_errors()
    assert raised.value.diagnostics[0].rule == "zero-quantity"
    assert str(raised.value).startswith("checkout payload has 1 error:\n")
    assert "/product_cart/0/quantity: error[zero-quantity]" in str(raised.value)


def test_raise_for_errors_returns_the_report_when_there_are_only_warnings():
    report = checkout_lint.lint(UPI_ONLY).raise_for_errors()
    assert rules(report) == ["missing-card-fallback"]
    fix = report.diagnostics[0].fix
    assert fix is not None and fix.edits and fix.applicability in ("safe", "unsafe")


def test_a_linter_is_shared_across_threads():
    linter = checkout_lint.Linter(config={"rules": {"zero-quantity": "info"}})
    seen = []

    def work():
        for _ in range(50):
            seen.append(next(d.severity for d in linter.lint(ZERO) if d.rule == "zero-quantity"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["info"] * 200


def test_a_config_with_one_catalogue_per_environment_lints_against_the_one_it_names(tmp_path):
    import json

    def pulled(environment, items):
        return json.dumps({"environment": environment, "items": items})

    (tmp_path / "test.json").write_text(pulled("test_mode", [CATALOGUE[1]]))
    (tmp_path / "live.json").write_text(pulled("live_mode", [CATALOGUE[0], {**CATALOGUE[1], "archived": True}]))
    config = tmp_path / "checkout-lint.toml"
    config.write_text('[catalogue]\ntest_mode = "test.json"\nlive_mode = "live.json"\nenvironment = "live_mode"\n')
    found = [d.message for d in checkout_lint.lint(MIXED, config=str(config)) if d.rule == "unknown-product"]
    assert found == ['product "pdt_book" is archived']
