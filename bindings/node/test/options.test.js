'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { lint, assertValid, Linter, CheckoutLintError } = require('..')
const { missionCases, missionConfig } = require('./helpers.js')

const zero = { product_cart: [{ product_id: 'pdt_1', quantity: 0 }] }
const upiOnly = { product_cart: [{ product_id: 'pdt_1', quantity: 1 }], allowed_payment_method_types: ['upi_collect'] }
const catalogue = [
  { product_id: 'pdt_sub', name: 'Pro monthly', price: { type: 'recurring_price', price: 900, currency: 'USD', payment_frequency_count: 1, payment_frequency_interval: 'Month', subscription_period_count: 1, subscription_period_interval: 'Year', discount: 0, purchasing_power_parity: false, tax_inclusive: false } },
  { product_id: 'pdt_book', name: 'E-book', price: { type: 'one_time_price', price: 500, currency: 'USD', discount: 0, purchasing_power_parity: false } },
]
const mixed = { product_cart: [{ product_id: 'pdt_sub', quantity: 1 }, { product_id: 'pdt_book', quantity: 1 }] }

const rules = (result) => result.diagnostics.map((d) => d.rule)

test('an inline config object turns a rule off', () => {
  assert.ok(rules(lint(zero)).includes('zero-quantity'))
  assert.ok(!rules(lint(zero, { config: { rules: { 'zero-quantity': 'off' } } })).includes('zero-quantity'))
})

test('an inline TOML config changes a severity', () => {
  const result = lint(zero, { config: '[rules]\nzero-quantity = "warning"\n' })
  assert.equal(result.diagnostics.find((d) => d.rule === 'zero-quantity').severity, 'warning')
  assert.equal(result.hasErrors, false)
})

test('a catalogue given as data makes the cart rules work', () => {
  assert.ok(!rules(lint(mixed)).includes('mixed-cart'))
  const found = lint(mixed, { catalogue }).diagnostics.find((d) => d.rule === 'mixed-cart')
  assert.equal(found.pointer, '/product_cart/1')
})

test('a config path loads the config and its catalogue', () => {
  const found = lint(mixed, { configPath: missionConfig })
  assert.ok(missionCases.length > 0)
  assert.ok(!rules(found).includes('mixed-cart'), 'the example catalogue has other product ids')
})

test('a wrong option is an Error that says what is wrong', () => {
  assert.throws(() => lint(zero, { config: { rules: { 'zero-quantities': 'off' } } }), /zero-quantity/)
  assert.throws(() => lint(zero, { configPath: '/nonexistent/checkout-lint.toml' }), /cannot read/)
  assert.throws(() => lint(zero, { catalogue: [{ product_id: 'p', price: { type: 'bogus' } }] }), /catalogue/)
  assert.throws(() => lint(zero, { config: 'rules = [' }), /<config>:1/)
})

test('assertValid throws a CheckoutLintError that lists the diagnostics', () => {
  assert.throws(
    () => assertValid(zero),
    (error) =>
      error instanceof CheckoutLintError &&
      error.diagnostics[0].rule === 'zero-quantity' &&
      error.message.startsWith('checkout payload has 1 error:\n') &&
      error.message.includes('/product_cart/0/quantity: error[zero-quantity]'),
  )
})

test('assertValid returns the result when there are only warnings', () => {
  const result = assertValid(upiOnly)
  assert.equal(result.hasErrors, false)
  assert.deepEqual(rules(result), ['missing-card-fallback'])
})

test('a Linter keeps its settings across calls', () => {
  const linter = new Linter({ config: { rules: { 'zero-quantity': 'info' } } })
  for (let i = 0; i < 3; i++) {
    assert.equal(linter.lint(zero).diagnostics.find((d) => d.rule === 'zero-quantity').severity, 'info')
  }
  assert.doesNotThrow(() => linter.assertValid(zero))
})

test('a config with one catalogue per environment lints against the one it names', () => {
  const fs = require('node:fs')
  const path = require('node:path')
  const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'checkout-lint-'))
  const pulled = (environment, items) => JSON.stringify({ environment, items })
  fs.writeFileSync(path.join(dir, 'test.json'), pulled('test_mode', [catalogue[1]]))
  fs.writeFileSync(path.join(dir, 'live.json'), pulled('live_mode', [catalogue[0], { ...catalogue[1], archived: true }]))
  const configPath = path.join(dir, 'checkout-lint.toml')
  fs.writeFileSync(configPath, '[catalogue]\ntest_mode = "test.json"\nlive_mode = "live.json"\nenvironment = "live_mode"\n')
  const found = lint(mixed, { configPath }).diagnostics.filter((d) => d.rule === 'unknown-product')
  assert.deepEqual(found.map((d) => d.message), ['product "pdt_book" is archived'])
  fs.rmSync(dir, { recursive: true })
})
