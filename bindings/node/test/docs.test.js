'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const { lint } = require('..')
const { docExamples } = require('./helpers.js')

const CONTRACT_FIELDS = ['fix', 'help', 'labels', 'message', 'pointer', 'range', 'rule', 'severity', 'span']

test('the documentation examples exist', () => {
  assert.ok(docExamples.length >= 10, `found ${docExamples.length}`)
})

for (const { name, text } of docExamples) {
  test(`${name} has no errors, as an object and as text`, () => {
    for (const payload of [JSON.parse(text), text]) {
      const result = lint(payload, { name })
      const errors = result.diagnostics.filter((d) => d.severity === 'error')
      assert.deepEqual(errors, [])
      assert.equal(result.hasErrors, false)
      for (const diagnostic of result.diagnostics) {
        assert.deepEqual(Object.keys(diagnostic).sort(), CONTRACT_FIELDS)
      }
    }
  })
}
