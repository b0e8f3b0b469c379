'use strict'
// guard(client) with the real SDK (npm dodopayments) pointed at a stand-in server that counts
// the requests it receives.
const test = require('node:test')
const assert = require('node:assert/strict')
const DodoPayments = require('dodopayments').default
const { CheckoutSessions } = require('dodopayments/resources/checkout-sessions')
const { guard, CheckoutLintError } = require('..')
const { startStandIn, SESSION, PREVIEW } = require('./standin.js')

const clean = {
  product_cart: [{ product_id: 'pdt_1', quantity: 1 }],
  customer: { email: 'ada@example.com', name: 'Ada' },
  return_url: 'https://example.com/thanks',
  discount_code: undefined,
}
const zero = { product_cart: [{ product_id: 'pdt_1', quantity: 0 }] }
const upiOnly = { product_cart: [{ product_id: 'pdt_1', quantity: 1 }], allowed_payment_method_types: ['upi_collect'] }

let server
test.before(async () => {
  server = await startStandIn()
})
test.after(() => server.close())
test.beforeEach(() => {
  server.requests.length = 0
  delete process.env.CHECKOUT_LINT
})

const sdk = () => new DodoPayments({ bearerToken: 'sk_test_standin', baseURL: server.baseURL, maxRetries: 0 })

test('a payload with errors is rejected and nothing is sent', async () => {
  const client = guard(sdk())
  await assert.rejects(client.checkoutSessions.create(zero), (error) => {
    assert.ok(error instanceof CheckoutLintError)
    assert.equal(error.diagnostics[0].rule, 'zero-quantity')
    assert.match(error.message, /^checkout payload has 1 error:\n {2}\/product_cart\/0\/quantity: error\[zero-quantity\] /)
    return true
  })
  await assert.rejects(client.checkoutSessions.create(zero).withResponse(), CheckoutLintError)
  await assert.rejects(client.checkoutSessions.preview(zero).asResponse(), CheckoutLintError)
  assert.equal(server.requests.length, 0)
})

test('a clean payload reaches the server once and the SDK response comes back', async () => {
  const client = guard(sdk())
  const session = await client.checkoutSessions.create(clean)
  assert.deepEqual(session, SESSION)
  assert.equal(server.requests.length, 1)
  assert.deepEqual(server.requests[0], { method: 'POST', url: '/checkouts', body: JSON.parse(JSON.stringify(clean)) })

  const { data, response } = await client.checkoutSessions.create(clean).withResponse()
  assert.equal(data.session_id, 'cks_standin')
  assert.equal(response.status, 200)
  assert.equal(server.requests.length, 2)
})

test('preview is guarded too', async () => {
  const client = guard(sdk())
  await assert.rejects(client.checkoutSessions.preview(zero), CheckoutLintError)
  assert.equal(server.requests.length, 0)
  assert.deepEqual(await client.checkoutSessions.preview(clean), PREVIEW)
  assert.deepEqual(server.requests.map((r) => r.url), ['/checkouts/preview'])
})

test('the rest of the client is the SDK as it was', async () => {
  const client = sdk()
  assert.equal(guard(client), client)
  assert.ok(client instanceof DodoPayments)
  assert.ok(client.checkoutSessions instanceof CheckoutSessions)
  const status = await client.checkoutSessions.retrieve('cks_standin')
  assert.equal(status.id, 'cks_standin')
  // A client derived with withOptions() is guarded as well.
  await assert.rejects(client.withOptions({ timeout: 5000 }).checkoutSessions.create(zero), CheckoutLintError)
  assert.deepEqual(server.requests.map((r) => r.url), ['/checkouts/cks_standin'])
})

test('guarding twice lints once', async () => {
  const seen = []
  const client = guard(guard(sdk(), { mode: 'warn', onDiagnostics: (r) => seen.push(r) }), { mode: 'warn' })
  await client.checkoutSessions.create(zero)
  assert.equal(seen.length, 1)
})

test('warn mode reports and sends', async (t) => {
  const reports = []
  const client = guard(sdk(), { mode: 'warn', onDiagnostics: (result, call) => reports.push({ result, call }) })
  assert.deepEqual(await client.checkoutSessions.create(zero), SESSION)
  assert.equal(server.requests.length, 1)
  assert.equal(reports.length, 1)
  assert.equal(reports[0].call.method, 'checkoutSessions.create')
  assert.equal(reports[0].result.diagnostics[0].rule, 'zero-quantity')

  const warn = t.mock.method(console, 'warn', () => {})
  await guard(sdk(), { mode: 'warn' }).checkoutSessions.preview(zero)
  assert.equal(warn.mock.callCount(), 1)
  assert.match(warn.mock.calls[0].arguments[0], /^checkout-lint: checkoutSessions\.preview: checkout payload has 1 error:/)
  assert.equal(server.requests.length, 2)
})

test('failOn warning also stops warnings; the default lets them through', async () => {
  await assert.rejects(guard(sdk(), { failOn: 'warning' }).checkoutSessions.create(upiOnly), (error) => {
    assert.match(error.message, /^checkout payload has 1 problem:\n.*warning\[missing-card-fallback\]/)
    return true
  })
  assert.equal(server.requests.length, 0)
  await guard(sdk()).checkoutSessions.create(upiOnly)
  assert.equal(server.requests.length, 1)
})

test('the CHECKOUT_LINT variable wins over the mode in code', async () => {
  process.env.CHECKOUT_LINT = 'off'
  await guard(sdk(), { mode: 'throw' }).checkoutSessions.create(zero)
  assert.equal(server.requests.length, 1)

  process.env.CHECKOUT_LINT = 'warn'
  const reports = []
  await guard(sdk(), { onDiagnostics: (r) => reports.push(r) }).checkoutSessions.create(zero)
  assert.equal(reports.length, 1)
  assert.equal(server.requests.length, 2)

  process.env.CHECKOUT_LINT = 'throw'
  await assert.rejects(guard(sdk(), { mode: 'off' }).checkoutSessions.create(zero), CheckoutLintError)
  assert.equal(server.requests.length, 2)

  process.env.CHECKOUT_LINT = 'loud'
  assert.throws(() => guard(sdk()), /CHECKOUT_LINT must be 'throw', 'warn' or 'off', not "loud"/)
})

test('options are checked when the guard is made', () => {
  assert.throws(() => guard({}), /DodoPayments client/)
  assert.throws(() => guard(sdk(), { failOn: 'info' }), /failOn must be/)
  assert.throws(() => guard(sdk(), { mode: 'loud' }), /mode must be/)
  assert.throws(() => guard(sdk(), { config: { rules: { 'zero-quantities': 'off' } } }), /zero-quantity/)
})

test('the config reaches the guard', async () => {
  const client = guard(sdk(), { config: { rules: { 'zero-quantity': 'off' } } })
  await client.checkoutSessions.create(zero)
  assert.equal(server.requests.length, 1)
})

test('a value the SDK would send differently is stopped in throw mode', async () => {
  await assert.rejects(
    guard(sdk()).checkoutSessions.create({ product_cart: [{ product_id: 'pdt_1', quantity: NaN }] }),
    /quantity NaN is not a JSON number/,
  )
  assert.equal(server.requests.length, 0)
})
