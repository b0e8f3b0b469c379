"""A payload typed with the official Python SDK's request type, passed straight to
checkout_lint. tests/test_sdk.py runs it and type-checks it with mypy --strict."""

from __future__ import annotations

from dodopayments.types.checkout_session_create_params import CheckoutSessionCreateParams

import checkout_lint

PARAMS: CheckoutSessionCreateParams = {
    "product_cart": [{"product_id": "pdt_0NVs7yPx0Cj1xqHRBLCjX", "quantity": 1}],
    "customer": {"email": "ada@example.com", "name": "Ada Lovelace"},
    "billing_address": {"country": "US", "state": "CA", "city": "San Francisco", "street": "1 Market St", "zipcode": "94105"},
    "allowed_payment_method_types": ["credit", "debit", "apple_pay"],
    "billing_currency": "USD",
    "return_url": "https://example.com/thanks",
    "metadata": {"order_id": "ord_123"},
    "feature_flags": {"allow_discount_code": True},
}


def lint_before_sending(params: CheckoutSessionCreateParams) -> checkout_lint.Report:
    return checkout_lint.lint(params).raise_for_errors()


def with_a_mistake_the_types_allow() -> checkout_lint.Report:
    bad: CheckoutSessionCreateParams = {**PARAMS, "product_cart": [{"product_id": "pdt_1", "quantity": 0}]}
    return checkout_lint.lint(bad, config={"account": {"adaptive_pricing": False}})
