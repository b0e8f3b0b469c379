"""The guarded clients keep the SDK's types; tests/test_sdk.py type-checks this file with mypy
--strict."""

from __future__ import annotations

from dodopayments import AsyncDodoPayments, DodoPayments
from dodopayments.types import CheckoutSessionResponse

import checkout_lint

client: DodoPayments = checkout_lint.guard(DodoPayments(bearer_token="k", base_url="http://127.0.0.1:9"))
async_client: AsyncDodoPayments = checkout_lint.guard(
    AsyncDodoPayments(bearer_token="k", base_url="http://127.0.0.1:9"), mode="warn", fail_on="warning"
)


def create() -> CheckoutSessionResponse:
    return client.checkout_sessions.create(product_cart=[{"product_id": "pdt_1", "quantity": 1}])


async def create_async() -> CheckoutSessionResponse:
    return await async_client.checkout_sessions.create(product_cart=[{"product_id": "pdt_1", "quantity": 1}])
