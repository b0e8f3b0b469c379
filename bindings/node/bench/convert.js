'use strict'
// What linting an object costs next to serialising it: JSON.stringify(payload) against
// toJsonText(payload) (the whole conversion to what the engine reads) and lint(payload).
// Medians of interleaved rounds; run with `npm run bench` after `npm run build`.
const fs = require('node:fs')
const path = require('node:path')
const { lint } = require('..')
const { toJsonText } = require('../lib/payload.js')

const root = path.resolve(__dirname, '..', '..', '..')
const payloads = [
  ['doc example 02 (569 B)', 'tests/fixtures/doc-examples/02-multi-product.json'],
  ['every field', 'tests/fixtures/every-field.json'],
].map(([name, file]) => [name, JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'))])

// A 1,000-item cart: where conversion, not fixed costs, dominates.
const big = { ...payloads[0][1], product_cart: Array.from({ length: 1000 }, (_, i) => ({ product_id: `pdt_${i}`, quantity: 1 + (i % 5) })) }
payloads.push(['1,000-item cart', big])

function time(fn, payload, iterations) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) fn(payload)
  return Number(process.hrtime.bigint() - start) / iterations
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]

const contenders = {
  'JSON.stringify': (p) => JSON.stringify(p),
  'conversion': (p) => toJsonText(p),
  'lint': (p) => lint(p),
}

console.log('| payload | JSON.stringify | conversion | lint | conversion ÷ stringify | lint ÷ stringify |')
console.log('|---|---|---|---|---|---|')
for (const [name, payload] of payloads) {
  const bytes = JSON.stringify(payload).length
  const iterations = Math.max(20, Math.floor(2_000_000 / bytes))
  for (const fn of Object.values(contenders)) time(fn, payload, iterations) // warm up
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
  for (let round = 0; round < 15; round++) {
    for (const [k, fn] of Object.entries(contenders)) samples[k].push(time(fn, payload, iterations))
  }
  const [s, c, l] = Object.keys(contenders).map((k) => median(samples[k]))
  const us = (ns) => `${(ns / 1000).toFixed(2)} µs`
  console.log(`| ${name} | ${us(s)} | ${us(c)} | ${us(l)} | ${(c / s).toFixed(2)}× | ${(l / s).toFixed(2)}× |`)
}
