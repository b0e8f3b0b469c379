"""Writes a corpus of varied checkout payloads for the benchmarks (not committed).

Usage: python3 benches/gen_corpus.py OUT_DIR COUNT

Seeds are the documentation payloads and the every-field payload; each file varies product ids,
quantities (zero included, so some files have findings) and billing currency. Deterministic.
"""

import glob
import json
import random
import sys
from pathlib import Path


def main() -> None:
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    repo = Path(__file__).resolve().parent.parent
    paths = sorted(glob.glob(f"{repo}/tests/fixtures/doc-examples/*.json")) + [f"{repo}/tests/fixtures/every-field.json"]
    seeds = [json.load(open(path)) for path in paths]
    random.seed(7)
    out.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        payload = json.loads(json.dumps(random.choice(seeds)))
        for item in payload.get("product_cart", []):
            item["product_id"] = f"pdt_{random.randrange(10**12):012d}"
            item["quantity"] = random.randint(0, 5)
        if random.random() < 0.3:
            payload["billing_currency"] = random.choice(["USD", "usd", "EUR", "INR"])
        json.dump(payload, open(out / f"payload-{i:05d}.json", "w"), indent=2)


if __name__ == "__main__":
    main()
