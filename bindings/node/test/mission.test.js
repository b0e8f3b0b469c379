'use strict'
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const { lint, Linter } = require('..')
const { missionCases, missionConfig } = require('./helpers.js')

const linter = new Linter({ configPath: missionConfig })

for (const { file, path, rule, pointer, text } of missionCases) {
  test(`${file}: ${rule} at ${pointer}`, () => {
    const source = fs.readFileSync(path, 'utf8')
    const found = linter.lint(source).diagnostics.find((d) => d.rule === rule)
    assert.ok(found, `${rule} not reported`)
    assert.equal(found.pointer, pointer)
    if (text !== undefined) {
      const bytes = Buffer.from(source, 'utf8')
      assert.equal(bytes.subarray(found.span.offset, found.span.offset + found.span.length).toString(), text)
    }
  })

  test(`${file} as an object: ${rule} at ${pointer}, span into JSON.stringify`, () => {
    const payload = JSON.parse(fs.readFileSync(path, 'utf8'))
    const result = lint(payload, { configPath: missionConfig })
    const found = result.diagnostics.find((d) => d.rule === rule)
    assert.ok(found, `${rule} not reported`)
    assert.equal(found.pointer, pointer)
    // One line of JSON: the UTF-16 range indexes the stringified payload.
    const sent = JSON.stringify(payload)
    const covered = sent.slice(found.range.start.character, found.range.end.character)
    if (text !== undefined) assert.equal(covered, text)
    assert.equal(found.range.start.line, 0)
  })
}
