// A payload typed with the official SDK's request type, passed straight to `lint` and
// `assertValid`: the type check proves the two fit together, the run proves it lints clean.
import test from 'node:test'
import assert from 'node:assert/strict'
import type { CheckoutSessionCreateParams } from 'dodopayments/resources/checkout-sessions'
import { assertValid, lint, Linter, type Diagnostic, type LintResult } from 'checkout-lint'

const params: CheckoutSessionCreateParams = {
  product_cart: [{ product_id: 'pdt_0NVs7yPx0Cj1xqHRBLCjX', quantity: 1 }],
  customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
  billing_address: { country: 'US', state: 'CA', city: 'San Francisco', street: '1 Market St', zipcode: '94105' },
  allowed_payment_method_types: ['credit', 'debit', 'apple_pay'],
  billing_currency: 'USD',
  return_url: 'https://example.com/thanks',
  metadata: { order_id: 'ord_123' },
  feature_flags: { allow_discount_code: true },
}

test('an SDK-typed payload lints clean', () => {
  const result: LintResult = lint(params)
  const errors: Diagnostic[] = result.diagnostics.filter((d) => d.severity === 'error')
  assert.deepEqual(errors, [])
  assert.equal(assertValid(params).hasErrors, false)
})

test('an SDK-typed payload with a mistake the types allow is caught', () => {
  const bad: CheckoutSessionCreateParams = { ...params, product_cart: [{ product_id: 'pdt_1', quantity: 0 }] }
  const linter = new Linter({ config: { account: { adaptive_pricing: false } } })
  const rules = linter.lint(bad).diagnostics.map((d) => `${d.rule} ${d.pointer}`)
  assert.ok(rules.includes('zero-quantity /product_cart/0/quantity'), rules.join('\n'))
  assert.ok(rules.includes('ineffective-billing-currency /billing_currency'), rules.join('\n'))
})
