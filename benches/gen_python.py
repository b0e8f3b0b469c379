#!/usr/bin/env python3
"""Generates a Python repository for benches/source_scan.sh.

    benches/gen_python.py DIR [FILES]     (default 10,000 files)

Sizes and contents like real application code — Django/FastAPI views, services, models,
utilities and tests, 1-30 KB each, in nested packages. About 1 % of the files create a Dodo
checkout session (keyword arguments, ** of a dict, requests.post), some with mistakes; a few
more hold look-alikes (Stripe's checkout.Session.create, an ORM's checkout_sessions). Seeded.
"""
import os
import random
import sys

root = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(15)
PACKAGES = ["app/api", "app/services", "app/models", "app/utils", "app/billing", "app/auth",
            "tests", "scripts", "app/tasks", "app/integrations"]
WORDS = ["user", "order", "cart", "invoice", "profile", "session", "item", "price", "plan",
         "team", "project", "settings", "account", "product", "payment", "report", "event"]


def name():
    return rng.choice(WORDS) + "_" + rng.choice(WORDS)


def service():
    n = name()
    functions = "\n\n".join(
        f'''def {rng.choice(WORDS)}_{i}(items: list[dict], limit: int = {rng.randint(1, 99)}) -> list[str]:
    """Keeps the first few labels; empty ones are dropped."""
    labels = [str(item.get("label", "")).strip() for item in items]
    return [label for label in labels if label][:limit]'''
        for i in range(rng.randint(3, 25)))
    return f'''from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class {n.title().replace("_", "")}:
    id: str
    count: int = 0


{functions}
'''


def view():
    n = name()
    return f'''from fastapi import APIRouter, HTTPException

from app.db import db

router = APIRouter()


@router.get("/{n}/{{item_id}}")
async def get_{n}(item_id: str):
    row = await db.{rng.choice(WORDS)}.find_unique(where={{"id": item_id}})
    if row is None:
        raise HTTPException(status_code=404, detail="not found")
    return {{"id": row.id, "name": row.name}}
'''


def checkout(i):
    variants = [
        '''import os

from dodopayments import DodoPayments

client = DodoPayments(bearer_token=os.environ["DODO_PAYMENTS_API_KEY"])


def create_checkout(product_id: str, email: str) -> str:
    session = client.checkout_sessions.create(
        product_cart=[{"product_id": product_id, "quantity": 1}],
        customer={"email": email},
        return_url="http://localhost:8000/success",
        billing_currency="usd",
    )
    return session.checkout_url
''',
        '''from app.clients import dodo


async def start(user_id: str, plan: str):
    params = {"product_cart": [{"product_id": plan, "quantity": 1}], "metadata": {"user_id": user_id}}
    params["allowed_payment_method_types"] = ["upi_collect"]
    session = await dodo.checkout_sessions.create(**params)
    return session.url
''',
        '''import os

import requests


def raw(items):
    response = requests.post(
        f"{os.environ['DODO_API_BASE']}/checkouts",
        json={"product_cart": items, "success_url": "https://example.com/done"},
    )
    return response.json()
''',
    ]
    return variants[i % len(variants)]


def lookalike():
    return '''import stripe

from app.db import db

stripe.checkout.Session.create(success_url="https://x", line_items=[])
db.checkout_sessions.create(user_id="u", status="open")
'''


for i in range(count):
    folder = os.path.join(root, rng.choice(PACKAGES), f"m{i % 97}")
    os.makedirs(folder, exist_ok=True)
    roll = rng.random()
    if roll < 0.01:
        text = checkout(i)
    elif roll < 0.015:
        text = lookalike()
    else:
        text = "\n\n".join((service() if rng.random() < 0.6 else view()) for _ in range(rng.randint(1, 4)))
    with open(os.path.join(folder, f"{name()}_{i}.py"), "w") as out:
        out.write(text)
print(f"{count} files in {root}", file=sys.stderr)
