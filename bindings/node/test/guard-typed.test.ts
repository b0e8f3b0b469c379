// The guarded client keeps the SDK's types: this file must type-check under `tsc --strict`.
import test from 'node:test'
import assert from 'node:assert/strict'
import DodoPayments from 'dodopayments'
import type { CheckoutSessionCreateParams } from 'dodopayments/resources/checkout-sessions'
import { guard, CheckoutLintError, type GuardOptions, type LintResult } from 'checkout-lint'

const options: GuardOptions = {
  mode: 'throw',
  failOn: 'error',
  config: { rules: { 'missing-card-fallback': 'off' } },
  onDiagnostics: (result: LintResult, call) => void [result.hasErrors, call.method],
}
// Nothing listens on port 9: a request would fail, so a rejection proves none was made.
const client: DodoPayments = guard(new DodoPayments({ bearerToken: 'k', baseURL: 'http://127.0.0.1:9', maxRetries: 0 }), options)

// Never called: it only has to fail to type-check.
export const wrongMode = () =>
  // @ts-expect-error: not a mode
  guard(client, { mode: 'loud' })

test('a guarded, typed client rejects a bad payload before sending', async () => {
  const bad: CheckoutSessionCreateParams = { product_cart: [{ product_id: 'pdt_1', quantity: 0 }] }
  const pending = client.checkoutSessions.create(bad)
  await assert.rejects(pending, (error: unknown) => error instanceof CheckoutLintError && error.diagnostics.length === 1)
})
