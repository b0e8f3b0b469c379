"""guard(client) with the real SDK (PyPI dodopayments) pointed at a stand-in server that counts
the requests it receives."""

from __future__ import annotations

import asyncio
import datetime
import functools
import re
import warnings
from collections import UserDict
from types import MappingProxyType

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


# What the converter refuses, the SDK may still send (dodopayments 1.123.0: its TypedDict
# transform makes any Mapping a dict, `openapi_dumps` writes datetimes as ISO text and int keys
# as strings, json.dumps nests far deeper than 256): the guard lints the bytes it sends.
SDK_WRITES = {
    "a datetime": {"metadata": {"at": datetime.datetime(2026, 1, 2, 3, 4, 5)}},
    "a MappingProxyType": {"customer": MappingProxyType({"email": "ada@example.com", "name": "Ada"})},
    "a UserDict": {"billing_address": UserDict({"country": "US"})},
    "a non-str key": {"metadata": {1: "one"}},
    "nesting over 256": {"metadata": functools.reduce(lambda inner, _: {"n": inner}, range(300), {})},
}


@pytest.mark.parametrize("what", sorted(SDK_WRITES))
def test_a_value_the_converter_refuses_is_linted_as_the_sdk_sends_it(server, what):
    with pytest.raises((TypeError, ValueError)):
        checkout_lint.to_json(SDK_WRITES[what])
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError) as caught:
        client.checkout_sessions.create(product_cart=ZERO, **SDK_WRITES[what])
    rules = [d.rule for d in caught.value.diagnostics]
    assert "zero-quantity" in rules or (what == "nesting over 256" and "invalid-json" in rules), rules
    assert caught.value.reason is None
    assert server.requests == []


def test_the_lint_reads_the_very_bytes_the_sdk_sends(server):
    client = guard(sdk(server))
    at = datetime.datetime(2026, 1, 2, 3, 4, 5)
    client.checkout_sessions.create(
        product_cart=[UserDict(CART[0])], customer=MappingProxyType(CLEAN["customer"]), metadata={"at": at, 7: "x"}
    )
    sent = {"product_cart": CART, "customer": CLEAN["customer"], "metadata": {"at": at.isoformat(), "7": "x"}}
    assert server.requests == [{"path": "/checkouts", "body": sent}]
    # Nesting the lint cannot read is its finding (invalid-json), not a pass.
    with pytest.raises(CheckoutLintError, match=r"invalid JSON: nesting is deeper than 128 levels"):
        client.checkout_sessions.create(product_cart=CART, metadata=SDK_WRITES["nesting over 256"]["metadata"])
    assert len(server.requests) == 1


# What the SDK itself cannot serialize: nothing can be checked, so raise mode refuses the call.
SDK_REFUSES = {
    "a set": ({"metadata": {"tags": {"a", "b"}}}, r"TypeError: Object of type set is not JSON serializable"),
    "NaN": ({"product_cart": [{"product_id": "pdt_1", "quantity": float("nan")}]}, r"ValueError: Out of range float"),
    "infinity": ({"metadata": {"x": float("inf")}}, r"ValueError: Out of range float"),
    "a MappingProxyType the SDK does not transform": (
        {"extra_body": {"custom": MappingProxyType({"a": 1})}},
        r"TypeError: Object of type mappingproxy is not JSON serializable",
    ),
    "an object": ({"metadata": {"x": object()}}, r"TypeError: Object of type object is not JSON serializable"),
    "an extra_body that is not a mapping": ({"extra_body": [("product_cart", ZERO)]}, r"TypeError: 'list' object is not a mapping"),
}


@pytest.mark.parametrize("what", sorted(SDK_REFUSES))
def test_a_payload_the_sdk_cannot_serialize_could_not_be_checked(server, what):
    extra, why = SDK_REFUSES[what]
    arguments = {"product_cart": CART, **extra}
    client = guard(sdk(server))
    with pytest.raises(CheckoutLintError, match=r"^checkout payload could not be checked: the SDK could not build the request \(") as caught:
        client.checkout_sessions.create(**arguments)
    assert re.search(why, str(caught.value))
    assert caught.value.diagnostics == [] and caught.value.reason is not None
    assert server.requests == []
    # Warn mode warns, then lets the SDK try: it raises its own error, and sends nothing.
    with pytest.warns(CheckoutLintWarning, match="checkout_sessions.create: checkout payload could not be checked") as warned:
        with pytest.raises((TypeError, ValueError)):
            guard(sdk(server), mode="warn").checkout_sessions.create(**arguments)
    assert warned[0].message.report is None
    assert warned[0].filename == __file__
    assert server.requests == []


def test_extra_body_is_linted_merged_as_the_sdk_merges_it(server):
    client = guard(sdk(server))
    # A value the converter refuses next to a bad cart in extra_body: the merged body is linted.
    with pytest.raises(CheckoutLintError) as caught:
        client.checkout_sessions.create(
            product_cart=CART, extra_body={"product_cart": ZERO, "at": datetime.datetime(2026, 1, 1)}
        )
    assert [d.rule for d in caught.value.diagnostics][:1] == ["zero-quantity"]
    # `omit` in extra_body removes the key from the body, as the SDK's merge does.
    client.checkout_sessions.create(**CLEAN, extra_body={"customer": dodopayments.omit})
    assert server.requests == [{"path": "/checkouts", "body": {"product_cart": CART}}]


def test_the_async_client_fails_closed_too(server):
    client = guard(async_sdk(server))

    async def main() -> None:
        with pytest.raises(CheckoutLintError, match="could not be checked"):
            await client.checkout_sessions.create(product_cart=CART, metadata={"tags": {"a"}})
        with pytest.raises(CheckoutLintError, match="zero-quantity"):
            await client.checkout_sessions.create(product_cart=ZERO, metadata={"at": datetime.datetime(2026, 1, 1)})
        async with client.checkout_sessions.with_streaming_response.create(product_cart=[UserDict(CART[0])]) as response:
            assert response.http_request.url.path == "/checkouts"
        await client.close()

    asyncio.run(main())
    assert server.requests == [{"path": "/checkouts", "body": {"product_cart": CART}}]


class StubResource:
    """A resource that is not the SDK: no request builder to read, so the arguments are linted."""

    def __init__(self) -> None:
        self.sent: list = []

    def create(self, **kwargs: object) -> str:
        self.sent.append(kwargs)
        return "sent"


class StubClient:
    def __init__(self) -> None:
        self.checkout_sessions = StubResource()


@pytest.mark.parametrize(
    "arguments, why",
    [
        ({"metadata": {"at": datetime.datetime(2026, 1, 1)}}, r'payload\["metadata"\]\["at"\]: a value of type datetime is not JSON'),
        ({"customer": MappingProxyType({"email": "a@example.com"})}, r"mappingproxy is not JSON"),
        ({"customer": UserDict({"email": "a@example.com"})}, r"UserDict is not JSON"),
        ({"metadata": {"x": float("nan")}}, r'\["x"\]: NaN is not a JSON number'),
        ({"metadata": {1: "one"}}, r"the key 1 is not a str"),
        ({"metadata": functools.reduce(lambda inner, _: {"n": inner}, range(300), {})}, r"nested deeper than 256 levels"),
        ({"extra_body": ["not", "a", "mapping"]}, r"extra_body: a value of type list is not a mapping"),
    ],
    ids=["datetime", "MappingProxyType", "UserDict", "NaN", "int key", "nesting", "extra_body list"],
)
def test_without_the_sdk_what_the_converter_refuses_could_not_be_checked(arguments, why):
    client = guard(StubClient())
    with pytest.raises(CheckoutLintError, match=r"^checkout payload could not be checked: ") as caught:
        client.checkout_sessions.create(product_cart=CART, **arguments)
    assert re.search(why, str(caught.value)), str(caught.value)
    assert client.checkout_sessions.sent == []
    warned = guard(StubClient(), mode="warn")
    with pytest.warns(CheckoutLintWarning, match="could not be checked") as caught_warning:
        assert warned.checkout_sessions.create(product_cart=CART, **arguments) == "sent"
    assert caught_warning[0].filename == __file__
    assert len(warned.checkout_sessions.sent) == 1


def test_a_call_the_builder_never_saw_is_reported():
    client = StubClient()
    client._build_request = lambda *args, **kwargs: None  # type: ignore[attr-defined]
    guard(client)
    with pytest.warns(CheckoutLintWarning, match="checkout payload was not checked"):
        client.checkout_sessions.create(product_cart=CART)
