"""What linting a dict costs next to serialising it: json.dumps(payload) against
checkout_lint.to_json(payload) (the whole conversion to what the engine reads) and
checkout_lint.lint(payload). Medians of interleaved rounds.

Run in an environment with the package installed: python bench/convert.py
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import checkout_lint

ROOT = Path(__file__).resolve().parents[3]


def payloads():
    doc = json.loads((ROOT / "tests/fixtures/doc-examples/02-multi-product.json").read_text())
    every = json.loads((ROOT / "tests/fixtures/every-field.json").read_text())
    big = dict(doc, product_cart=[{"product_id": f"pdt_{i}", "quantity": 1 + i % 5} for i in range(1000)])
    return [("doc example 02 (569 B)", doc), ("every field", every), ("1,000-item cart", big)]


def per_call(fn, payload, iterations):
    start = time.perf_counter_ns()
    for _ in range(iterations):
        fn(payload)
    return (time.perf_counter_ns() - start) / iterations


CONTENDERS = {
    "json.dumps": json.dumps,
    "conversion": checkout_lint.to_json,
    "lint": checkout_lint.lint,
}


def main() -> None:
    print("| payload | json.dumps | conversion | lint | conversion ÷ dumps | lint ÷ dumps |")
    print("|---|---|---|---|---|---|")
    for name, payload in payloads():
        iterations = max(20, 2_000_000 // len(json.dumps(payload)))
        samples = {key: [] for key in CONTENDERS}
        for fn in CONTENDERS.values():
            per_call(fn, payload, iterations)  # warm up
        for _ in range(15):
            for key, fn in CONTENDERS.items():
                samples[key].append(per_call(fn, payload, iterations))
        dumps, convert, lint = (statistics.median(samples[key]) for key in CONTENDERS)
        print(
            f"| {name} | {dumps / 1000:.2f} µs | {convert / 1000:.2f} µs | {lint / 1000:.2f} µs "
            f"| {convert / dumps:.2f}× | {lint / dumps:.2f}× |"
        )


if __name__ == "__main__":
    main()
