#!/usr/bin/env python3
"""Generates a Go repository for benches/source_scan.sh.

    benches/gen_go.py DIR [FILES]     (default 10,000 files)

Sizes and contents like real Go services — HTTP handlers, services, models, utilities and tests,
1-30 KB each, in nested packages. About 1 % of the files create a Dodo checkout session (an SDK
params literal sent by a struct field's client, params built field by field, a raw POST of a
marshalled map), some with mistakes; a few more hold look-alikes (Stripe's checkout sessions, a
service's own CheckoutSessionNewParams). Seeded.
"""
import os
import random
import sys

root = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(29)
PACKAGES = ["internal/api", "internal/service", "internal/model", "internal/util", "internal/billing",
            "internal/auth", "cmd/server", "pkg/client", "internal/worker", "internal/store"]
WORDS = ["user", "order", "cart", "invoice", "profile", "session", "item", "price", "plan",
         "team", "project", "settings", "account", "product", "payment", "report", "event"]


def ident():
    return rng.choice(WORDS).title() + rng.choice(WORDS).title()


def service(package):
    n = ident()
    functions = "\n\n".join(
        f'''// {n}{i} keeps the first labels; empty ones are dropped.
func {n}{i}(items []map[string]string, limit int) []string {{
	labels := make([]string, 0, len(items))
	for _, item := range items {{
		label := strings.TrimSpace(item["label"])
		if label == "" {{
			continue
		}}
		labels = append(labels, label)
		if len(labels) >= limit+{rng.randint(1, 99)} {{
			break
		}}
	}}
	return labels
}}'''
        for i in range(rng.randint(3, 25)))
    return f'''package {package}

import (
	"strings"
)

type {n} struct {{
	ID    string `json:"id"`
	Count int    `json:"count"`
}}

{functions}
'''


def handler(package):
    n = ident()
    return f'''package {package}

import (
	"encoding/json"
	"net/http"
)

type {n}Handler struct {{
	store Store
}}

func (h *{n}Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {{
	row, err := h.store.Find(r.Context(), r.URL.Query().Get("id"))
	if err != nil {{
		http.Error(w, "not found", http.StatusNotFound)
		return
	}}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{{"id": row.ID, "name": row.Name}})
}}
'''


def checkout(i, package):
    variants = [
        f'''package {package}

import (
	"context"

	"github.com/dodopayments/dodopayments-go"
)

type Payments struct {{
	client *dodopayments.Client
}}

func (p *Payments) Checkout(ctx context.Context, productID, email string) (string, error) {{
	session, err := p.client.CheckoutSessions.New(ctx, dodopayments.CheckoutSessionNewParams{{
		CheckoutSessionRequest: dodopayments.CheckoutSessionRequestParam{{
			ProductCart: dodopayments.F([]dodopayments.ProductItemReqParam{{{{
				ProductID: dodopayments.F(productID),
				Quantity:  dodopayments.F(int64(1)),
			}}}}),
			Customer: dodopayments.F[dodopayments.CustomerRequestUnionParam](dodopayments.NewCustomerParam{{Email: dodopayments.F(email)}}),
			ReturnURL:       dodopayments.F("http://localhost:8080/success"),
			BillingCurrency: dodopayments.F(dodopayments.Currency("usd")),
		}},
	}})
	if err != nil {{
		return "", err
	}}
	return session.CheckoutURL, nil
}}
''',
        f'''package {package}

import (
	"context"

	"github.com/dodopayments/dodopayments-go"
	"github.com/dodopayments/dodopayments-go/option"
)

var client = dodopayments.NewClient(option.WithEnvironmentTestMode())

func Subscribe(ctx context.Context, plan string) error {{
	params := dodopayments.CheckoutSessionNewParams{{}}
	params.CheckoutSessionRequest.ProductCart = dodopayments.F([]dodopayments.ProductItemReqParam{{{{ProductID: dodopayments.F(plan), Quantity: dodopayments.Int(1)}}}})
	params.CheckoutSessionRequest.AllowedPaymentMethodTypes = dodopayments.F([]dodopayments.PaymentMethodTypes{{dodopayments.PaymentMethodTypesUpiCollect}})
	_, err := client.CheckoutSessions.New(ctx, params)
	return err
}}
''',
        f'''package {package}

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
)

func createRaw(items []map[string]any) (*http.Response, error) {{
	body, err := json.Marshal(map[string]any{{"product_cart": items, "success_url": "https://example.com/done"}})
	if err != nil {{
		return nil, err
	}}
	return http.Post(os.Getenv("DODO_API_BASE")+"/checkouts", "application/json", bytes.NewReader(body))
}}
''',
    ]
    return variants[i % len(variants)]


def lookalike(package):
    return f'''package {package}

import (
	"github.com/stripe/stripe-go/v76"
	"github.com/stripe/stripe-go/v76/checkout/session"
)

type CheckoutSessionNewParams struct {{ Quantity int64 }}

func stripeCheckout() {{
	_, _ = session.New(&stripe.CheckoutSessionParams{{SuccessURL: stripe.String("https://x")}})
	_ = CheckoutSessionNewParams{{Quantity: 0}}
}}
'''


for i in range(count):
    path = rng.choice(PACKAGES)
    package = path.rsplit("/", 1)[-1]
    folder = os.path.join(root, path, f"m{i % 97}")
    os.makedirs(folder, exist_ok=True)
    roll = rng.random()
    if roll < 0.01:
        text = checkout(i, package)
    elif roll < 0.015:
        text = lookalike(package)
    else:
        text = "\n\n".join((service(package) if rng.random() < 0.6 else handler(package)) for _ in range(rng.randint(1, 4)))
        text = text.replace("\n\npackage " + package + "\n", "\n")
    with open(os.path.join(folder, f"{rng.choice(WORDS)}_{i}.go"), "w") as out:
        out.write(text)
print(f"{count} files in {root}", file=sys.stderr)
