"""Lint Dodo Payments checkout-session payloads right before you send them.

>>> import checkout_lint
>>> report = checkout_lint.lint({"product_cart": [{"product_id": "pdt_1", "quantity": 0}]})
>>> [(d.rule, d.pointer) for d in report.diagnostics]
[('zero-quantity', '/product_cart/0/quantity')]
>>> report.has_errors
True

The engine is the Rust library behind the `checkout-lint` command; a dict payload is converted
to compact JSON in one native pass (spans refer to that text), a `str` payload is linted as
written. Every diagnostic has the fields of the command's JSON output
(`schemas/diagnostics.schema.json`).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterator, Literal, Mapping, Optional, Sequence, Tuple, Union

# _guard reaches back for Linter and CheckoutLintError only when called, so this is no cycle.
from ._guard import CHECKOUT_LINT_VARIABLE, CheckoutLintWarning, guard
from ._native import NativeLinter
from ._native import to_json as _to_json

__all__ = [
    "CHECKOUT_LINT_VARIABLE",
    "CheckoutLintError",
    "CheckoutLintWarning",
    "Diagnostic",
    "Edit",
    "Fix",
    "Label",
    "Linter",
    "Position",
    "Range",
    "Report",
    "Span",
    "guard",
    "lint",
    "to_json",
]

Severity = Literal["error", "warning", "info"]
#: A checkout-session request body: a dict (for example the SDK's CheckoutSessionCreateParams)
#: or its JSON text.
Payload = Union[Mapping[str, Any], str]
#: A `checkout-lint.toml` path, or its settings as a dict.
ConfigOption = Union[str, "os.PathLike[str]", Mapping[str, Any], None]
#: A catalogue JSON file path, or the products themselves (a list, or one product as a dict).
CatalogueOption = Union[str, "os.PathLike[str]", Sequence[Mapping[str, Any]], Mapping[str, Any], None]


@dataclass(frozen=True)
class Span:
    """A byte range in the linted JSON text (UTF-8)."""

    offset: int
    length: int


@dataclass(frozen=True)
class Position:
    """An LSP position: 0-based line, UTF-16 code units into the line."""

    line: int
    character: int


@dataclass(frozen=True)
class Range:
    """An LSP range, end exclusive."""

    start: Position
    end: Position


@dataclass(frozen=True)
class Label:
    message: str
    span: Span
    range: Range


@dataclass(frozen=True)
class Edit:
    span: Span
    range: Range
    replacement: str


@dataclass(frozen=True)
class Fix:
    message: str
    #: safe: keeps the author's intent exactly; unsafe: probably right, but review it.
    applicability: Literal["safe", "unsafe"]
    edits: Tuple[Edit, ...]


@dataclass(frozen=True)
class Diagnostic:
    #: The kebab-case rule name; `checkout-lint explain RULE` documents it.
    rule: str
    severity: Severity
    message: str
    #: RFC 6901 JSON pointer to the value the span covers; empty for the whole document.
    pointer: str
    span: Span
    range: Range
    labels: Tuple[Label, ...]
    help: Optional[str]
    fix: Optional[Fix]

    def __str__(self) -> str:
        help = f" (help: {self.help})" if self.help else ""
        return f"{self.pointer or '/'}: {self.severity}[{self.rule}] {self.message}{help}"


class Report:
    """The diagnostics of one payload, sorted by position."""

    __slots__ = ("diagnostics", "has_errors")

    def __init__(self, diagnostics: list[Diagnostic], has_errors: bool) -> None:
        self.diagnostics = diagnostics
        #: True when any diagnostic has error severity.
        self.has_errors = has_errors

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    def raise_for_errors(self) -> Report:
        """Raises CheckoutLintError when any diagnostic is an error; returns the report otherwise."""
        if self.has_errors:
            raise CheckoutLintError(self)
        return self

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)

    def __repr__(self) -> str:
        return f"Report(diagnostics={self.diagnostics!r}, has_errors={self.has_errors!r})"


class CheckoutLintError(Exception):
    """The payload has error-severity diagnostics (or, with `fail_on="warning"`, warnings);
    the message lists every diagnostic. From a guard, it can also mean that the payload could
    not be checked at all (`reason` says why; there are no diagnostics then)."""

    #: Why the payload could not be checked; None when it was checked and has findings.
    reason: Optional[str]

    def __init__(
        self, report: Report, fail_on: Literal["error", "warning"] = "error", *, reason: Optional[str] = None
    ) -> None:
        if reason is not None:
            message = f"checkout payload could not be checked: {reason}"
        else:
            if fail_on == "error":
                count, what = len(report.errors), "error"
            else:
                count, what = sum(d.severity != "info" for d in report.diagnostics), "problem"
            lines = [f"checkout payload has {count} {what}{'' if count == 1 else 's'}:"]
            lines += [f"  {d}" for d in report.diagnostics]
            message = "\n".join(lines)
        super().__init__(message)
        self.report = report
        self.diagnostics = report.diagnostics
        self.reason = reason

    @classmethod
    def unchecked(cls, reason: str) -> CheckoutLintError:
        """The error for a payload that could not be checked (an empty report, and why)."""
        return cls(Report([], False), reason=reason)


class Linter:
    """A linter that keeps its config and catalogue loaded across calls (and threads)."""

    __slots__ = ("_native",)

    def __init__(self, *, config: ConfigOption = None, catalogue: CatalogueOption = None) -> None:
        """Raises ValueError when the config or catalogue is wrong (the message says where)."""
        options: dict[str, str] = {}
        if isinstance(config, (str, os.PathLike)):
            options["config_path"] = os.fspath(config)
        elif config is not None:
            options["config_json"] = json.dumps(config)
        if isinstance(catalogue, (str, os.PathLike)):
            options["catalogue_path"] = os.fspath(catalogue)
        elif catalogue is not None:
            options["catalogue_json"] = json.dumps(catalogue)
        self._native = NativeLinter(**options)

    def lint(self, payload: Payload, *, name: str = "<payload>") -> Report:
        """Lints a payload. A value JSON cannot hold (a set, a datetime, NaN, a non-str key)
        is a TypeError or ValueError that names where it is."""
        return _report(json.loads(self._native.lint(payload, name)))


_default_linter: Optional[Linter] = None


def lint(
    payload: Payload,
    *,
    config: ConfigOption = None,
    catalogue: CatalogueOption = None,
    name: str = "<payload>",
) -> Report:
    """Lints a payload with a config (path or dict) and catalogue (path or products)."""
    global _default_linter
    if config is not None or catalogue is not None:
        return Linter(config=config, catalogue=catalogue).lint(payload, name=name)
    if _default_linter is None:
        _default_linter = Linter()
    return _default_linter.lint(payload, name=name)


def to_json(payload: Mapping[str, Any]) -> str:
    """The compact JSON text a dict payload is linted as: diagnostic spans are byte offsets into
    its UTF-8 encoding. Raises TypeError/ValueError, naming the place, for values JSON cannot
    hold."""
    return _to_json(payload)


def _span(raw: Mapping[str, int]) -> Span:
    return Span(raw["offset"], raw["length"])


def _range(raw: Mapping[str, Any]) -> Range:
    start, end = raw["start"], raw["end"]
    return Range(Position(start["line"], start["character"]), Position(end["line"], end["character"]))


def _report(raw: Mapping[str, Any]) -> Report:
    diagnostics = [
        Diagnostic(
            rule=d["rule"],
            severity=d["severity"],
            message=d["message"],
            pointer=d["pointer"],
            span=_span(d["span"]),
            range=_range(d["range"]),
            labels=tuple(Label(l["message"], _span(l["span"]), _range(l["range"])) for l in d["labels"]),
            help=d["help"],
            fix=None
            if d["fix"] is None
            else Fix(
                d["fix"]["message"],
                d["fix"]["applicability"],
                tuple(Edit(_span(e["span"]), _range(e["range"]), e["replacement"]) for e in d["fix"]["edits"]),
            ),
        )
        for d in raw["diagnostics"]
    ]
    return Report(diagnostics, raw["hasErrors"])
