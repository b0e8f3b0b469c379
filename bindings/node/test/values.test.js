'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { lint } = require('..')

const cart = [{ product_id: 'pdt_1', quantity: 1 }]

const notJson = [
  ['undefined', { product_cart: cart, customer: { email: undefined } }, /^payload\.customer\.email is undefined/],
  ['a function', { product_cart: cart, return_url: () => 'x' }, /^payload\.return_url is a function/],
  ['a symbol', { product_cart: cart, metadata: { k: Symbol('s') } }, /^payload\.metadata\.k is a symbol/],
  ['a bigint', { product_cart: [{ product_id: 'p', quantity: 1n }] }, /^payload\.product_cart\[0\]\.quantity is a bigint/],
  ['NaN', { product_cart: [{ product_id: 'p', quantity: NaN }] }, /^payload\.product_cart\[0\]\.quantity NaN is not a JSON number/],
  ['Infinity', { product_cart: cart, discount: Infinity }, /^payload\.discount Infinity is not a JSON number/],
  ['a Map', { product_cart: cart, metadata: new Map([['a', 'b']]) }, /^payload\.metadata is a Map/],
  ['an array hole', { product_cart: [cart[0], undefined] }, /^payload\.product_cart\[1\] is undefined/],
  ['an odd key', { product_cart: cart, metadata: { 'order id': undefined } }, /^payload\.metadata\["order id"\] is undefined/],
]

for (const [what, payload, message] of notJson) {
  test(`${what} is a TypeError naming where it is`, () => {
    assert.throws(() => lint(payload), (error) => error instanceof TypeError && message.test(error.message))
  })
}

test('a circular reference is a TypeError, not a stack overflow', () => {
  const payload = { product_cart: cart, metadata: {} }
  payload.metadata.self = payload
  assert.throws(() => lint(payload), /circular reference/)
})

test('allowUndefined drops undefined properties as JSON.stringify does', () => {
  const result = lint({ product_cart: cart, customer: undefined }, { allowUndefined: true })
  assert.equal(result.hasErrors, false)
})

test('a Date becomes its JSON string, as the SDK would send it', () => {
  const result = lint({ product_cart: cart, metadata: { at: new Date(0) } })
  assert.equal(result.hasErrors, false)
})

test('JSON text is linted as written: a syntax error is a diagnostic', () => {
  const result = lint('{"product_cart": [')
  assert.equal(result.hasErrors, true)
  assert.equal(result.diagnostics[0].rule, 'invalid-json')
  assert.equal(result.diagnostics[0].span.offset, 18)
})

test('wrong types and unknown fields are diagnostics with pointers', () => {
  const result = lint({ product_cart: [{ product_id: 'p', quantity: '2' }], colour: 'red' })
  const found = result.diagnostics.map((d) => `${d.rule} ${d.pointer}`)
  assert.ok(found.includes('invalid-type /product_cart/0/quantity'), found.join('\n'))
  assert.ok(found.includes('unknown-field /colour'), found.join('\n'))
})

test('non-ASCII text: byte spans, UTF-16 ranges', () => {
  const payload = { product_cart: [{ product_id: 'p', quantity: 0 }], customer: { name: 'Zoë 😀' } }
  const sent = JSON.stringify({ customer: payload.customer, product_cart: payload.product_cart })
  const found = lint(sent).diagnostics.find((d) => d.rule === 'zero-quantity')
  assert.equal(sent.slice(found.range.start.character, found.range.end.character), '0')
  assert.equal(found.span.offset, Buffer.byteLength(sent.slice(0, found.range.start.character)))
})
