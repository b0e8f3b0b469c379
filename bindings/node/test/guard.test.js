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
    (error) => {
      assert.ok(error instanceof CheckoutLintError)
      assert.match(error.message, /^checkout payload could not be checked: payload\.product_cart\[0\]\.quantity NaN is not a JSON number/)
      assert.deepEqual(error.diagnostics, [])
      assert.match(error.reason, /quantity NaN/)
      return true
    },
  )
  assert.equal(server.requests.length, 0)
})

// Rejects with a CheckoutLintError that says the payload could not be checked, and why.
function unchecked(why) {
  return (error) => {
    assert.ok(error instanceof CheckoutLintError, `${error}`)
    assert.match(error.message, /^checkout payload could not be checked: /)
    assert.match(error.reason, why)
    assert.deepEqual(error.diagnostics, [])
    return true
  }
}

test('requestOptions.body is what the SDK sends, so it is what is linted', async () => {
  const client = guard(sdk())
  await assert.rejects(client.checkoutSessions.create(clean, { body: zero }), (error) => {
    assert.ok(error instanceof CheckoutLintError)
    assert.deepEqual(error.diagnostics.map((d) => d.rule), ['zero-quantity'])
    return true
  })
  await assert.rejects(client.checkoutSessions.preview(clean, { body: zero, timeout: 5000 }).withResponse(), CheckoutLintError)
  assert.equal(server.requests.length, 0)
  // The other way round: the first argument is not sent, so it does not stop the call.
  await client.checkoutSessions.create(zero, { body: clean })
  assert.deepEqual(server.requests.map((r) => r.body), [JSON.parse(JSON.stringify(clean))])
})

test('request options that leave no JSON body to lint are refused in throw mode', async () => {
  const client = guard(sdk())
  const calls = [
    [() => client.checkoutSessions.create(clean, { body: undefined }), /requestOptions\.body is undefined: the SDK would send no body/],
    [() => client.checkoutSessions.create(clean, { fetchOptions: { body: JSON.stringify(zero) } }), /fetchOptions\.body replaces the body/],
    [
      () => client.checkoutSessions.create(clean, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      /form-encoded, not as JSON/,
    ],
    [() => client.checkoutSessions.create(clean, { body: new Blob([JSON.stringify(zero)]) }), /is a Blob, which the SDK sends as it is/],
    [() => client.checkoutSessions.create(clean, { body: new TextEncoder().encode(JSON.stringify(zero)) }), /is a Uint8Array/],
    [() => client.checkoutSessions.create((function* () { yield JSON.stringify(zero) })()), /is an iterator/],
  ]
  for (const [call, why] of calls) await assert.rejects(call(), unchecked(why))
  const shared = guard(new DodoPayments({ bearerToken: 'k', baseURL: server.baseURL, maxRetries: 0, fetchOptions: { body: '{}' } }))
  await assert.rejects(shared.checkoutSessions.create(clean), unchecked(/the client's fetchOptions\.body/))
  assert.equal(server.requests.length, 0)
})

test('a string body with a content-type is sent verbatim, so it is linted as JSON text', async () => {
  const client = guard(sdk())
  const headers = { 'content-type': 'application/json' }
  await assert.rejects(client.checkoutSessions.create(JSON.stringify(zero), { headers }), CheckoutLintError)
  assert.equal(server.requests.length, 0)
  await client.checkoutSessions.create(JSON.stringify(clean), { headers })
  assert.deepEqual(server.requests.map((r) => r.body), [JSON.parse(JSON.stringify(clean))])
})

test('the payload is read once: a getter cannot show the lint one value and the SDK another', async () => {
  let reads = 0
  // 1 for the first two reads (what an earlier check-then-serialise guard would see), then 0.
  const item = { product_id: 'pdt_1', get quantity() { return ++reads <= 2 ? 1 : 0 } }
  await guard(sdk()).checkoutSessions.create({ product_cart: [item] })
  assert.equal(reads, 1)
  assert.deepEqual(server.requests.map((r) => r.body), [{ product_cart: [{ product_id: 'pdt_1', quantity: 1 }] }])

  // Bad on the first read, good after: stopped, and nothing sent.
  let flips = 0
  const flipping = { product_id: 'pdt_1', get quantity() { return flips++ === 0 ? 0 : 1 } }
  await assert.rejects(guard(sdk()).checkoutSessions.create({ product_cart: [flipping] }), CheckoutLintError)
  assert.equal(flips, 1)

  // A Proxy over the request options is read once too.
  let bodyReads = 0
  const options = new Proxy({ body: clean }, {
    get(target, key) {
      if (key === 'body') return ++bodyReads === 1 ? zero : clean
      return Reflect.get(target, key)
    },
  })
  await assert.rejects(guard(sdk()).checkoutSessions.create(clean, options), CheckoutLintError)
  assert.equal(bodyReads, 1)
  assert.equal(server.requests.length, 1)
})

test('a payload that cannot be serialised is refused in throw mode, warned of and sent in warn mode', async (t) => {
  const client = guard(sdk())
  const cyclic = { product_cart: [{ product_id: 'pdt_1', quantity: 1 }] }
  cyclic.metadata = { self: cyclic }
  const calls = [
    [cyclic, /payload could not be serialised: TypeError: Converting circular structure to JSON/],
    [{ product_cart: [{ product_id: 'pdt_1', quantity: 1n }] }, /payload\.product_cart\[0\]\.quantity is a bigint/],
    [{ product_cart: [{ product_id: 'pdt_1', get quantity() { throw new Error('boom') } }] }, /could not be serialised: Error: boom/],
    [{ product_cart: [{ product_id: 'pdt_1', quantity: 1 }], metadata: new Map([['a', 'b']]) }, /payload\.metadata is a Map/],
    [{ product_cart: [{ product_id: 'pdt_1', quantity: 1 }, undefined] }, /payload\.product_cart\[1\] is undefined/],
  ]
  for (const [payload, why] of calls) await assert.rejects(client.checkoutSessions.create(payload), unchecked(why))
  assert.equal(server.requests.length, 0)

  const warn = t.mock.method(console, 'warn', () => {})
  const mapped = { product_cart: [{ product_id: 'pdt_1', quantity: 1 }], metadata: new Map([['a', 'b']]) }
  await guard(sdk(), { mode: 'warn' }).checkoutSessions.create(mapped)
  assert.equal(warn.mock.callCount(), 1)
  assert.match(warn.mock.calls[0].arguments[0], /^checkout-lint: checkoutSessions\.create: checkout payload could not be checked: payload\.metadata is a Map/)
  assert.deepEqual(server.requests.map((r) => r.body), [{ product_cart: [{ product_id: 'pdt_1', quantity: 1 }], metadata: {} }])
})
