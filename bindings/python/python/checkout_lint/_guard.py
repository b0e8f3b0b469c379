"""guard(client): the official SDK client, with every checkout payload it sends linted first.

The client is changed in place and returned (so its type and everything but the two guarded
methods stay the SDK's own): its `checkout_sessions` resource gets instance attributes `create`
and `preview` that call the SDK's own method with the call marked as guarded, and the client's
request builder is wrapped: when the SDK has built the request of a guarded call, the very
bytes of its JSON body are linted before anything is sent. So what is linted is what is sent,
after the SDK's own conversions (its TypedDict transform, `extra_body` merged in, datetimes and
models as it writes them). When the SDK cannot build that body (a set, NaN), or the body cannot
be read, nothing can be checked: raise mode raises a CheckoutLintError that says the payload could not be checked. The
raw- and streaming-response views are rebuilt from the guarded methods, and clients made with
`with_options()` / `copy()` are guarded the same way.

This follows dodopayments 1.123.0 (`_base_client.py`): `SyncAPIClient.request` and
`AsyncAPIClient.request` call `self._build_request(options, retries_taken=...)` for every
attempt, outside their retry `try`, and it returns the `httpx.Request` whose `content` is
`openapi_dumps(json_data merged with extra_json)`. A client without `_build_request` (not that
SDK) is linted on its keyword arguments instead, and anything the converter refuses there is
"could not be checked" too.
"""

from __future__ import annotations

import functools
import inspect
import os
import sys
import warnings
from contextvars import ContextVar
from types import FrameType
from typing import Any, Callable, Dict, FrozenSet, Literal, Mapping, Optional, TypeVar

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
    """A guarded call in warn mode sent a payload with findings (`report` has them), or one
    that could not be checked (`report` is None; the message says why)."""

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
    is sent; so does one that cannot be checked (the SDK cannot build its body). warn:
    `warnings.warn` with a `CheckoutLintWarning`, then the payload is sent. off: the client is
    left as it is. The `CHECKOUT_LINT` environment variable wins over `mode`. The linter
    (config and catalogue) is built once, here.
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


class _Call:
    """One guarded call in progress: what judges it, and where it was made (for warnings)."""

    __slots__ = ("settings", "name", "caller", "checked")

    def __init__(self, settings: _Settings, name: str, caller: Optional[FrameType]) -> None:
        self.settings = settings
        self.name = name
        self.caller = caller
        #: Set once the SDK has built this call's request (and it was linted, or refused).
        self.checked = False

    def judge(self, payload: Any) -> None:
        """Lints the payload (JSON text, or a dict); raises or warns as the settings say."""
        self.verdict(self.settings.linter.lint(payload, name=self.name))

    def verdict(self, report: Any) -> None:
        settings = self.settings
        if not any(_RANK[d.severity] >= _RANK[settings.fail_on] for d in report.diagnostics):
            return
        error = settings.error(report, fail_on=settings.fail_on)
        if settings.mode == "raise":
            raise error
        self.warn(CheckoutLintWarning(f"{self.name}: {error}", report))

    def unchecked(self, reason: str, cause: Optional[BaseException] = None) -> None:
        """The payload cannot be checked: raises in raise mode, warns in warn mode."""
        error = self.settings.error.unchecked(reason)
        if self.settings.mode == "raise":
            if cause is None:
                raise error
            raise error from cause
        self.warn(CheckoutLintWarning(f"{self.name}: {error}", None))

    def warn(self, warning: CheckoutLintWarning) -> None:
        # At the line that called the guarded method, however deep in the SDK this runs.
        frame = self.caller
        if frame is None:
            warnings.warn(warning, stacklevel=3)
            return
        module_globals = frame.f_globals
        warnings.warn_explicit(
            warning,
            CheckoutLintWarning,
            frame.f_code.co_filename,
            frame.f_lineno,
            module_globals.get("__name__"),
            module_globals.setdefault("__warningregistry__", {}),
            module_globals,
        )


#: The guarded call the current thread or task is making, seen by the wrapped request builder.
_CURRENT: ContextVar[Optional[_Call]] = ContextVar("checkout_lint_call", default=None)


def _install(client: Any, settings: _Settings) -> None:
    resource = client.checkout_sessions
    if getattr(resource, _GUARDED, False):
        return
    hooked = _wrap_request_builder(getattr(resource, "_client", client))
    for method in _METHODS:
        send = getattr(resource, method, None)
        if callable(send):
            setattr(resource, method, _guarded(send, settings, f"checkout_sessions.{method}", hooked))
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


def _wrap_request_builder(client: Any) -> bool:
    """Wraps the client's `_build_request` so that the first request built for a guarded call
    is linted (its body bytes) before the SDK sends it. False when the client has none."""
    build = getattr(client, "_build_request", None)
    if not callable(build):
        return False
    if getattr(build, _GUARDED, False):
        return True

    @functools.wraps(build)
    def build_request(*args: Any, **kwargs: Any) -> Any:
        call = _CURRENT.get()
        if call is None or call.checked:
            # Not a guarded call, or a retry of one already checked (the same body).
            return build(*args, **kwargs)
        call.checked = True
        try:
            request = build(*args, **kwargs)
        except Exception as error:
            # Nothing is sent: the SDK's own error follows in warn mode.
            call.unchecked(f"the SDK could not build the request ({type(error).__name__}: {error})", error)
            raise
        try:
            text = request.content.decode("utf-8")
        except Exception as error:
            reason = f"the body of the request the SDK built could not be read as UTF-8 text ({type(error).__name__}: {error})"
            call.unchecked(reason, error)
            return request
        call.judge(text)
        return request

    setattr(build_request, _GUARDED, True)
    client._build_request = build_request
    return True


def _guarded(send: Callable[..., Any], settings: _Settings, name: str, hooked: bool) -> Callable[..., Any]:
    accepted = _keywords(send)
    if inspect.iscoroutinefunction(send):

        @functools.wraps(send)
        async def guarded_async(*args: Any, **kwargs: Any) -> Any:
            call = _Call(settings, name, sys._getframe(1))
            if not hooked:
                _check_arguments(call, kwargs, refuse=True)
                return await send(*args, **kwargs)
            if accepted is not None and not accepted.issuperset(kwargs):
                _check_arguments(call, kwargs, refuse=False)
            token = _CURRENT.set(call)
            try:
                result = await send(*args, **kwargs)
            finally:
                _CURRENT.reset(token)
            _unseen(call)
            return result

        return guarded_async

    @functools.wraps(send)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        call = _Call(settings, name, sys._getframe(1))
        if not hooked:
            _check_arguments(call, kwargs, refuse=True)
            return send(*args, **kwargs)
        if accepted is not None and not accepted.issuperset(kwargs):
            _check_arguments(call, kwargs, refuse=False)
        token = _CURRENT.set(call)
        try:
            result = send(*args, **kwargs)
        finally:
            _CURRENT.reset(token)
        _unseen(call)
        return result

    return guarded


def _keywords(send: Callable[..., Any]) -> Optional[FrozenSet[str]]:
    """The keyword arguments the SDK method takes; None when it takes any."""
    try:
        parameters = inspect.signature(send).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return frozenset(p.name for p in parameters)


def _unseen(call: _Call) -> None:
    if not call.checked:
        # The SDK returned without building a request through the wrapped builder: whatever it
        # sent, if anything, was not checked. Too late to stop; say so, whatever the mode.
        call.warn(
            CheckoutLintWarning(
                f"{call.name}: checkout payload was not checked: the SDK made this call without "
                "building its request through the request builder checkout-lint wraps",
                None,
            )
        )


def _check_arguments(call: _Call, kwargs: Dict[str, Any], *, refuse: bool) -> None:
    """Lints the call's keyword arguments as the payload. Used when there is no request to
    read: a client that is not the SDK (`refuse`: what the converter cannot take fails closed),
    or a call the SDK will refuse for an unknown keyword (there the finding is ours to report,
    `billing_adress` with its did-you-mean; else the SDK's TypeError will do, nothing is sent)."""
    try:
        report = call.settings.linter.lint(_payload(kwargs), name=call.name)
    except (TypeError, ValueError) as error:
        if refuse:
            call.unchecked(str(error), error)
        return
    call.verdict(report)


def _payload(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """The request body the SDK would send: the keyword arguments without its sentinels for
    "not given" and its transport keywords, with `extra_body` merged in (it wins, as in the SDK,
    and an `omit` there removes the key). `kwargs` may be changed: a one-shot iterable (a
    generator for `product_cart`) becomes a list, so that the SDK sends what was linted."""
    payload: Dict[str, Any] = {}
    for key, value in kwargs.items():
        if key in _TRANSPORT or _is_sentinel(value):
            continue
        if _is_one_shot(value):
            value = kwargs[key] = list(value)
        payload[key] = value
    extra = kwargs.get("extra_body")
    if extra is None:
        return payload
    if not isinstance(extra, Mapping):
        raise TypeError(f"extra_body: a value of type {type(extra).__name__} is not a mapping to merge into the body")
    for key, value in extra.items():
        if type(value).__name__ == "Omit":
            payload.pop(key, None)
        else:
            payload[key] = value
    return payload


def _is_sentinel(value: Any) -> bool:
    # dodopayments' `omit` / `NOT_GIVEN`, by name so that no SDK internals are imported.
    return type(value).__name__ in ("Omit", "NotGiven")


def _is_one_shot(value: Any) -> bool:
    return inspect.isgenerator(value) or (
        hasattr(value, "__next__") and not isinstance(value, (str, bytes, Mapping, list, tuple))
    )
