"""guard(client) with the real SDK (PyPI dodopayments) pointed at a stand-in server that counts
the requests it receives."""

from __future__ import annotations

import asyncio
import warnings

import dodopayments
import pytest
from dodopayments import AsyncDodoPayments, DodoPayments
from standin import PREVIEW, SESSION, StandIn

import checkout_lint
from checkout_lint import CheckoutLintError, CheckoutLintWarning, guard

CART = [{"product_id": "pdt_1", "quantity": 1}]
ZERO = [{"product_id": "pdt_1", "quantity": 0}]
CLEAN = {"product_cart": CART, "customer": {"email": "ada@example.com", "name": "Ada"}}


@pytest.fixture
def server():
    standin = StandIn()
    yield standin
    standin.close()


@pytest.fixture(autouse=True)
def no_mode_variable(monkeypatch):
    monkeypatch.delenv("CHECKOUT_LINT", raising=False)


def sdk(server: StandIn) -> DodoPayments:
    return DodoPayments(bearer_token="sk_test_standin", base_url=server.base_url, max_retries=0)


def async_sdk(server: StandIn) -> AsyncDodoPayments:
    return AsyncDodoPayments(bearer_token="sk_test_standin", base_url=server.base_url, max_retries=0)


def test_a_payload_with_errors_raises_and_nothing_is_sent(server):
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError) as caught:
        client.checkout_sessions.create(product_cart=ZERO)
    assert [d.rule for d in caught.value.diagnostics] == ["zero-quantity"]
    assert str(caught.value).startswith("checkout payload has 1 error:\n  /product_cart/0/quantity: error[zero-quantity]")
    with pytest.raises(CheckoutLintError):
        client.checkout_sessions.with_raw_response.create(product_cart=ZERO)
    with pytest.raises(CheckoutLintError):
        client.with_raw_response.checkout_sessions.preview(product_cart=ZERO)
    assert server.requests == []


def test_a_clean_payload_is_sent_once_and_the_parsed_response_comes_back(server):
    client = guard(sdk(server))
    session = client.checkout_sessions.create(**CLEAN, billing_currency=dodopayments.omit, timeout=5)
    assert isinstance(session, dodopayments.types.CheckoutSessionResponse)
    assert session.session_id == SESSION["session_id"]
    assert server.requests == [{"path": "/checkouts", "body": CLEAN}]


def test_an_unknown_keyword_is_our_diagnostic_not_a_bare_type_error(server):
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError) as caught:
        client.checkout_sessions.create(product_cart=CART, billing_adress={"country": "US"})
    found = caught.value.diagnostics[0]
    assert (found.rule, found.pointer) == ("unknown-field", "/billing_adress")
    assert "billing_address" in (found.help or "") + found.message
    assert server.requests == []


def test_transport_keywords_are_not_payload_and_extra_body_merges(server):
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError) as caught:
        client.checkout_sessions.create(product_cart=CART, extra_body={"product_cart": ZERO}, extra_headers={"x": "y"})
    assert [d.rule for d in caught.value.diagnostics] == ["zero-quantity"]
    client.checkout_sessions.create(product_cart=CART, extra_headers={"x-trace": "1"}, extra_query={"q": "1"})
    assert server.requests == [{"path": "/checkouts?q=1", "body": {"product_cart": CART}}]


def test_a_generator_cart_is_linted_and_still_sent(server):
    client = guard(sdk(server))
    client.checkout_sessions.create(product_cart=(item for item in CART))
    assert server.requests[0]["body"] == {"product_cart": CART}


def test_preview_is_guarded_too(server):
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError):
        client.checkout_sessions.preview(product_cart=ZERO)
    assert server.requests == []
    assert client.checkout_sessions.preview(**CLEAN).total_price == PREVIEW["total_price"]
    assert [r["path"] for r in server.requests] == ["/checkouts/preview"]


def test_warn_mode_warns_and_sends(server):
    client = guard(sdk(server), mode="warn")
    with pytest.warns(CheckoutLintWarning, match="checkout_sessions.create: checkout payload has 1 error") as caught:
        session = client.checkout_sessions.create(product_cart=ZERO)
    assert session.session_id == SESSION["session_id"]
    assert caught[0].filename == __file__, "the warning points at the caller"
    assert caught[0].message.report.diagnostics[0].rule == "zero-quantity"
    assert len(server.requests) == 1
    # -W error (or pytest's filterwarnings = error) turns the warning into an exception before sending.
    with warnings.catch_warnings():
        warnings.simplefilter("error", CheckoutLintWarning)
        with pytest.raises(CheckoutLintWarning):
            client.checkout_sessions.create(product_cart=ZERO)
    assert len(server.requests) == 1


def test_fail_on_warning_stops_warnings_and_the_default_lets_them_through(server):
    upi = {"product_cart": CART, "allowed_payment_method_types": ["upi_collect"]}
    with pytest.raises(CheckoutLintError, match=r"^checkout payload has 1 problem:"):
        guard(sdk(server), fail_on="warning").checkout_sessions.create(**upi)
    assert server.requests == []
    guard(sdk(server)).checkout_sessions.create(**upi)
    assert len(server.requests) == 1


def test_the_variable_wins_over_the_mode_in_code(server, monkeypatch):
    monkeypatch.setenv("CHECKOUT_LINT", "off")
    guard(sdk(server), mode="raise").checkout_sessions.create(product_cart=ZERO)
    assert len(server.requests) == 1
    monkeypatch.setenv("CHECKOUT_LINT", "warn")
    with pytest.warns(CheckoutLintWarning):
        guard(sdk(server)).checkout_sessions.create(product_cart=ZERO)
    assert len(server.requests) == 2
    monkeypatch.setenv("CHECKOUT_LINT", "throw")
    with pytest.raises(CheckoutLintError):
        guard(sdk(server), mode="off").checkout_sessions.create(product_cart=ZERO)
    assert len(server.requests) == 2
    monkeypatch.setenv("CHECKOUT_LINT", "loud")
    with pytest.raises(ValueError, match="CHECKOUT_LINT must be 'raise', 'warn' or 'off', not 'loud'"):
        guard(sdk(server))


def test_the_rest_of_the_client_is_the_sdk_as_it_was(server):
    client = sdk(server)
    assert guard(client) is client
    assert isinstance(client, DodoPayments)
    with pytest.raises(CheckoutLintError):
        client.with_options(timeout=5).checkout_sessions.create(product_cart=ZERO)
    with pytest.raises(CheckoutLintError):
        client.copy().checkout_sessions.create(product_cart=ZERO)
    assert server.requests == []
    assert guard(guard(client)) is client


def test_options_are_checked_when_the_guard_is_made(server):
    with pytest.raises(TypeError, match="DodoPayments"):
        guard(object())
    with pytest.raises(ValueError, match="fail_on"):
        guard(sdk(server), fail_on="info")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="zero-quantity"):
        guard(sdk(server), config={"rules": {"zero-quantities": "off"}})
    client = guard(sdk(server), config={"rules": {"zero-quantity": "off"}})
    client.checkout_sessions.create(product_cart=ZERO)
    assert len(server.requests) == 1


def test_the_async_client_stays_awaitable(server):
    client = guard(async_sdk(server))

    async def main() -> None:
        pending = client.checkout_sessions.create(product_cart=ZERO)
        assert asyncio.iscoroutine(pending)
        with pytest.raises(CheckoutLintError):
            await pending
        assert server.requests == []
        sessions = await asyncio.gather(*(client.checkout_sessions.create(**CLEAN) for _ in range(5)))
        assert {s.session_id for s in sessions} == {SESSION["session_id"]}
        preview = await client.checkout_sessions.with_raw_response.preview(**CLEAN)
        assert preview.http_request.url.path == "/checkouts/preview"
        await client.close()

    asyncio.run(main())
    assert len(server.requests) == 6


def test_the_package_exports_the_guard():
    assert checkout_lint.CHECKOUT_LINT_VARIABLE == "CHECKOUT_LINT"
    assert issubclass(CheckoutLintWarning, UserWarning)
