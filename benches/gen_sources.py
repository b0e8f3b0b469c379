#!/usr/bin/env python3
"""Generates a repository of JS/TS application code for benches/source_scan.sh.

    benches/gen_sources.py DIR [FILES] [--project]     (default 10,000 files)

Sizes and contents like real application code: React components, API routes, hooks, utilities
and tests across .ts/.tsx/.js/.jsx/.mjs, 1-30 KB each, in nested folders. About 1 % of the files
create a Dodo checkout session (SDK calls, bound variables, raw fetch), some with mistakes; a
few more hold look-alikes (Stripe's checkout.sessions, other providers' /checkouts). Seeded, so
every run writes the same tree.

With --project, the checkout sites are written the way applications write them: the client
comes from a factory in src/lib/dodo.ts, re-exported through a barrel (src/lib/index.ts) and
imported through the tsconfig alias `@/lib`, and the payloads from helpers in
src/lib/checkout/*.ts, called with literal arguments (some wrong) — what the project stage follows.
"""
import os
import random
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
project = "--project" in sys.argv
root = args[0]
count = int(args[1]) if len(args) > 1 else 10000
rng = random.Random(14)
EXTENSIONS = [".ts"] * 5 + [".tsx"] * 4 + [".js"] * 2 + [".jsx", ".mjs"]
FOLDERS = ["src/components", "src/app/api", "src/lib", "src/hooks", "src/pages", "src/utils",
           "src/features/billing", "src/features/auth", "tests", "scripts"]
WORDS = ["user", "order", "cart", "invoice", "profile", "session", "item", "price", "plan",
         "team", "project", "settings", "account", "product", "payment", "report", "event"]


def name():
    return rng.choice(WORDS) + rng.choice(WORDS).capitalize()


def component():
    n = name()
    props = ", ".join(rng.sample(WORDS, 3))
    rows = "\n".join(
        f"        <li key={{{w}.id}} className=\"row\">{{{w}.label}} — {{format({w}.value)}}</li>"
        for w in rng.sample(WORDS, rng.randint(2, 6)))
    return f"""import React, {{ useState, useEffect, useMemo }} from 'react';
import {{ format }} from '@/utils/format';
import type {{ {n}Props }} from './types';

// Renders the {n.lower()} panel. Keeps its own loading state; data comes from props.
export function {n}({{ {props} }}: {n}Props) {{
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Array<{{ id: string; label: string; value: number }}>>([]);
  useEffect(() => {{
    let cancelled = false;
    fetch('/api/{n.lower()}').then((r) => r.json()).then((data) => {{
      if (!cancelled) setItems(data.items ?? []);
    }});
    return () => {{ cancelled = true; }};
  }}, []);
  const total = useMemo(() => items.reduce((sum, i) => sum + i.value, 0), [items]);
  return (
    <section aria-label="{n}">
      <button onClick={{() => setOpen(!open)}}>Toggle</button>
      <ul>
{rows}
      </ul>
      <p>Total: {{format(total)}}</p>
    </section>
  );
}}
"""


def utility():
    n = name()
    body = "\n".join(
        f"""export function {rng.choice(WORDS)}{i}(input: string, limit = {rng.randint(1, 99)}): string[] {{
  // Split, trim and keep the first few; empty parts are dropped.
  return input.split(',').map((s) => s.trim()).filter(Boolean).slice(0, limit);
}}
""" for i in range(rng.randint(3, 25)))
    return f"import {{ z }} from 'zod';\n\nexport const {n}Schema = z.object({{ id: z.string(), count: z.number() }});\n\n{body}"


def route():
    n = name()
    return f"""import {{ NextResponse }} from 'next/server';
import {{ db }} from '@/lib/db';

export async function GET(request: Request) {{
  const url = new URL(request.url);
  const id = url.searchParams.get('id');
  if (!id) return NextResponse.json({{ error: 'missing id' }}, {{ status: 400 }});
  const {n.lower()} = await db.{rng.choice(WORDS)}.findUnique({{ where: {{ id }} }});
  return NextResponse.json({n.lower()});
}}
"""


def checkout(i):
    variants = [
        """import DodoPayments from 'dodopayments';
const client = new DodoPayments({ bearerToken: process.env.DODO_PAYMENTS_API_KEY });

export async function POST(req: Request) {
  const { productId, email } = await req.json();
  const session = await client.checkoutSessions.create({
    product_cart: [{ product_id: productId, quantity: 1 }],
    customer: { email },
    return_url: 'http://localhost:3000/success',
    billing_currency: 'usd',
  });
  return Response.json({ url: session.checkout_url });
}
""",
        """import { dodo } from '@/lib/dodo';

export async function startCheckout(userId: string, plan: string) {
  const params = { product_cart: [{ product_id: plan, quantity: 1 }], metadata: { userId } };
  params.allowed_payment_method_types = ['upi_collect'];
  const session = await dodo.checkoutSessions.create(params);
  return session.url;
}
""",
        """export async function createCheckout(items) {
  const res = await fetch(`${process.env.DODO_API_BASE}/checkouts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ product_cart: items, success_url: 'https://example.com/done' }),
  });
  return res.json();
}
""",
    ]
    return variants[i % len(variants)]


def lookalike():
    return """import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_KEY);
export const s = await stripe.checkout.sessions.create({ success_url: 'https://x', line_items: [] });
await fetch('https://api.lemonsqueezy.com/v1/checkouts', { method: 'POST', body: JSON.stringify({}) });
"""


HELPERS = 20


def project_files():
    """The factory, the barrel, the helpers and the tsconfig of a --project tree."""
    files = {
        "tsconfig.json": '{ "compilerOptions": { "strict": true, "paths": { "@/*": ["./src/*"] } } }\n',
        "src/lib/dodo.ts": """import DodoPayments from 'dodopayments';

let client: DodoPayments | undefined;

export async function getDodo() {
  client ??= new DodoPayments({ bearerToken: process.env.DODO_PAYMENTS_API_KEY });
  return client;
}
""",
    }
    barrel = ["export * from './dodo';"]
    for h in range(HELPERS):
        barrel.append(f"export {{ checkout{h} }} from './checkout/plan{h}';")
        files[f"src/lib/checkout/plan{h}.ts"] = f"""export function checkout{h}(productId: string, seats: number, email: string) {{
  return {{
    product_cart: [{{ product_id: productId, quantity: seats }}],
    customer: {{ email }},
    return_url: '{'http' if h % 7 == 0 else 'https'}://example.com/billing/{h}',
  }};
}}
"""
    files["src/lib/index.ts"] = "\n".join(barrel) + "\n"
    return files


def project_route(i):
    h = i % HELPERS
    seats = 0 if i % 5 == 0 else 1 + i % 9
    return f"""import {{ getDodo, checkout{h} }} from '@/lib';

export async function POST(request: Request) {{
  const {{ email }} = await request.json();
  const dodo = await getDodo();
  const session = await dodo.checkoutSessions.create(checkout{h}('pdt_{h}', {seats}, email));
  return Response.json({{ url: session.checkout_url }});
}}
"""


made = 0
if project:
    for path, text in project_files().items():
        os.makedirs(os.path.dirname(os.path.join(root, path)) or root, exist_ok=True)
        with open(os.path.join(root, path), "w") as out:
            out.write(text)
        made += 1
for i in range(count):
    folder = os.path.join(root, rng.choice(FOLDERS), f"m{i % 97}")
    os.makedirs(folder, exist_ok=True)
    extension = rng.choice(EXTENSIONS)
    roll = rng.random()
    if roll < 0.01:
        text = project_route(i) if project else checkout(i)
    elif roll < 0.015:
        text = lookalike()
    else:
        kind = rng.random()
        parts = rng.randint(1, 6)
        if kind < 0.4 and extension in (".tsx", ".jsx", ".js"):
            text = "\n".join(component() for _ in range(parts))
        elif kind < 0.7:
            text = utility()
        else:
            text = "\n".join(route() for _ in range(parts))
    with open(os.path.join(folder, f"{name()}{i}{extension}"), "w") as out:
        out.write(text)
    made += 1
print(f"{made} files in {root}", file=sys.stderr)
