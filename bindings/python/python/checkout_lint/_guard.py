"""guard(client): the official SDK client, with every checkout payload it sends linted first.

The client is changed in place and returned (so its type and everything but the two guarded
methods stay the SDK's own): its `checkout_sessions` resource gets instance attributes `create`
and `preview` that lint the keyword arguments, then call the SDK's own method. The raw- and
streaming-response views are rebuilt from them, and clients made with `with_options()` /
`copy()` are guarded the same way.
"""

from __future__ import annotations

import functools
import inspect
import os
import warnings
from typing import Any, Callable, Dict, Literal, Mapping, Optional, TypeVar

__all__ = ["CHECKOUT_LINT_VARIABLE", "CheckoutLintWarning", "guard"]

#: Overrides a guard's mode per deployment (off, warn, raise or throw); read when `guard` is called.
CHECKOUT_LINT_VARIABLE = "CHECKOUT_LINT"

Mode = Literal["raise", "warn", "off"]
FailOn = Literal["error", "warning"]
ClientT = TypeVar("ClientT")

# `throw` is the Node.js package's name for raise; one variable serves both.
_MODES: Mapping[str, Mode] = {"raise": "raise", "throw": "raise", "warn": "warn", "off": "off"}
# The SDK's checkout-session methods whose keyword arguments are a payload.
_METHODS = ("create", "preview")
# The SDK's per-request keywords: how to send, not what.
_TRANSPORT = ("extra_headers", "extra_query", "extra_body", "timeout")
_RANK = {"info": 0, "warning": 1, "error": 2}
_GUARDED = "_checkout_lint_guarded"


class CheckoutLintWarning(UserWarning):
    """A guarded call in warn mode sent a payload with findings; `report` has them."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


def guard(
    client: ClientT,
    *,
    mode: Mode = "raise",
    config: Any = None,
    catalogue: Any = None,
    fail_on: FailOn = "error",
) -> ClientT:
    """Makes `client` (a `DodoPayments` or `AsyncDodoPayments`) lint every
    `checkout_sessions.create` and `.preview` payload before it is sent, and returns it.

    raise: a payload with findings at `fail_on` or above raises `CheckoutLintError` and nothing
    is sent. warn: `warnings.warn` with a `CheckoutLintWarning`, then the payload is sent.
    off: the client is left as it is. The `CHECKOUT_LINT` environment variable wins over `mode`.
    The linter (config and catalogue) is built once, here.
    """
    # Imported here, once per guard: the package imports this module first.
    from . import CheckoutLintError, Linter

    resource = getattr(client, "checkout_sessions", None)
    if resource is None:
        raise TypeError("guard() takes a DodoPayments or AsyncDodoPayments client")
    chosen = _choose_mode(mode)
    if fail_on not in ("error", "warning"):
        raise ValueError(f"fail_on must be 'error' or 'warning', not {fail_on!r}")
    if chosen == "off":
        return client
    settings = _Settings(Linter(config=config, catalogue=catalogue), chosen, fail_on, CheckoutLintError)
    _install(client, settings)
    return client


def _choose_mode(mode: str) -> Mode:
    from_env = os.environ.get(CHECKOUT_LINT_VARIABLE, "").strip().lower()
    chosen = from_env or mode
    if chosen not in _MODES:
        where = CHECKOUT_LINT_VARIABLE if from_env else "mode"
        raise ValueError(f"{where} must be 'raise', 'warn' or 'off', not {chosen!r}")
    return _MODES[chosen]


class _Settings:
    __slots__ = ("linter", "mode", "fail_on", "error")

    def __init__(self, linter: Any, mode: Mode, fail_on: FailOn, error: Any) -> None:
        self.linter = linter
        self.mode = mode
        self.fail_on = fail_on
        #: CheckoutLintError, resolved once rather than imported on every call.
        self.error = error


def _install(client: Any, settings: _Settings) -> None:
    resource = client.checkout_sessions
    if getattr(resource, _GUARDED, False):
        return
    for method in _METHODS:
        send = getattr(resource, method, None)
        if callable(send):
            setattr(resource, method, _guarded(send, settings, f"checkout_sessions.{method}"))
    # The raw- and streaming-response views wrap the methods when first used: rebuild them.
    for view in ("with_raw_response", "with_streaming_response"):
        resource.__dict__.pop(view, None)
    setattr(resource, _GUARDED, True)
    for derive in ("with_options", "copy"):
        make = getattr(client, derive, None)
        if callable(make):
            setattr(client, derive, _guarding_copies(make, settings))


def _guarding_copies(make: Callable[..., Any], settings: _Settings) -> Callable[..., Any]:
    @functools.wraps(make)
    def derived(*args: Any, **kwargs: Any) -> Any:
        copy = make(*args, **kwargs)
        _install(copy, settings)
        return copy

    return derived


def _guarded(send: Callable[..., Any], settings: _Settings, name: str) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(send):

        @functools.wraps(send)
        async def guarded_async(*args: Any, **kwargs: Any) -> Any:
            _check(settings, kwargs, name)
            return await send(*args, **kwargs)

        return guarded_async

    @functools.wraps(send)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check(settings, kwargs, name)
        return send(*args, **kwargs)

    return guarded


def _check(settings: _Settings, kwargs: Dict[str, Any], name: str) -> None:
    """Lints the call's payload; raises or warns as the settings say. `kwargs` may be changed:
    a one-shot iterable (a generator for `product_cart`) becomes a list, so that the SDK sends
    what was linted."""
    payload = _payload(kwargs)
    try:
        report = settings.linter.lint(payload, name=name)
    except (TypeError, ValueError):
        # A value only the SDK knows how to send (a model, a date): it is not ours to judge.
        return
    if not any(_RANK[d.severity] >= _RANK[settings.fail_on] for d in report.diagnostics):
        return
    error = settings.error(report, fail_on=settings.fail_on)
    if settings.mode == "raise":
        raise error
    # Two frames up: the line that called the guarded method.
    warnings.warn(CheckoutLintWarning(f"{name}: {error}", report), stacklevel=3)


def _payload(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The request body the SDK would send: the keyword arguments without its sentinels for
    "not given" and its transport keywords, with `extra_body` merged in (it wins, as in the SDK)."""
    payload: Dict[str, Any] = {}
    for key, value in kwargs.items():
        if key in _TRANSPORT or _is_sentinel(value):
            continue
        if _is_one_shot(value):
            value = kwargs[key] = list(value)
        payload[key] = value
    extra: Optional[Mapping[str, Any]] = kwargs.get("extra_body")
    if isinstance(extra, Mapping):
        payload.update(extra)
    return payload


def _is_sentinel(value: Any) -> bool:
    # dodopayments' `omit` / `NOT_GIVEN`, by name so that no SDK internals are imported.
    return type(value).__name__ in ("Omit", "NotGiven")


def _is_one_shot(value: Any) -> bool:
    return inspect.isgenerator(value) or (
        hasattr(value, "__next__") and not isinstance(value, (str, bytes, Mapping, list, tuple))
    )
