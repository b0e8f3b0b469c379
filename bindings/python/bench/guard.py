"""What guard(client) costs per call: a guarded `checkout_sessions.create` against an unguarded
one, both to the stand-in server on 127.0.0.1 (tests/standin.py), next to the lint alone and to
the SDK's own request serialisation (its TypedDict transform of the body, then
`_build_request`: URL, headers, JSON body). The guard's own cost is measured away from the
network's noise, on SDK clients whose httpx transport answers in process (httpx.MockTransport):
the guard lints the body bytes the SDK builds, so it needs the SDK's request path. Medians of
interleaved rounds.

Run in an environment with the package and the SDK installed: python bench/guard.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

import httpx
from dodopayments import DodoPayments
from dodopayments._models import FinalRequestOptions
from dodopayments._utils import maybe_transform
from dodopayments.types import checkout_session_create_params

import checkout_lint

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "tests"))
from standin import SESSION, StandIn  # noqa: E402

PAYLOAD = json.loads((ROOT / "tests/fixtures/doc-examples/02-multi-product.json").read_text())


def in_process() -> DodoPayments:
    """An SDK client whose requests never leave the process."""
    answer = json.dumps(SESSION).encode()
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=answer, headers={"content-type": "application/json"})
    )
    return DodoPayments(
        bearer_token="sk_test_bench",
        base_url="http://127.0.0.1:9",
        max_retries=0,
        http_client=httpx.Client(transport=transport),
    )


def per_call_us(fn, iterations: int) -> float:
    start = time.perf_counter_ns()
    for _ in range(iterations):
        fn()
    return (time.perf_counter_ns() - start) / iterations / 1000


def main() -> None:
    server = StandIn()
    plain = DodoPayments(bearer_token="sk_test_bench", base_url=server.base_url, max_retries=0)
    guarded = checkout_lint.guard(DodoPayments(bearer_token="sk_test_bench", base_url=server.base_url, max_retries=0))
    linter = checkout_lint.Linter()
    bare, guarded_local = in_process(), checkout_lint.guard(in_process())

    def serialise() -> object:
        body = maybe_transform(PAYLOAD, checkout_session_create_params.CheckoutSessionCreateParams)
        return plain._build_request(FinalRequestOptions.construct(method="post", url="/checkouts", json_data=body))

    contenders = {
        "create, unguarded": (lambda: plain.checkout_sessions.create(**PAYLOAD), 100),
        "create, guarded": (lambda: guarded.checkout_sessions.create(**PAYLOAD), 100),
        "lint alone": (lambda: linter.lint(PAYLOAD), 3000),
        "SDK request serialisation": (serialise, 3000),
        "in-process create, unguarded": (lambda: bare.checkout_sessions.create(**PAYLOAD), 1000),
        "in-process create, guarded": (lambda: guarded_local.checkout_sessions.create(**PAYLOAD), 1000),
    }
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for fn, iterations in contenders.values():
        per_call_us(fn, iterations)  # warm up
    for _ in range(7):
        for name, (fn, iterations) in contenders.items():
            samples[name].append(per_call_us(fn, iterations))
    server.close()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    print(f"payload: doc example 02 ({len(json.dumps(PAYLOAD, separators=(',', ':')))} B); Python {sys.version.split()[0]}")
    print("| per call | µs |")
    print("|---|---|")
    for name, value in medians.items():
        print(f"| {name} | {value:.1f} |")
    overhead = medians["in-process create, guarded"] - medians["in-process create, unguarded"]
    print(f"| guard overhead (in-process transport: guarded − unguarded) | {overhead:.1f} |")
    print(f"| guard overhead ÷ SDK request serialisation | {overhead / medians['SDK request serialisation']:.2f} |")


if __name__ == "__main__":
    main()
