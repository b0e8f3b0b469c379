'use strict'
// What guard(client) costs per call: a guarded `checkoutSessions.create` against an unguarded
// one, both to the stand-in server on 127.0.0.1 (test/standin.js), next to the lint alone and
// to the SDK's own request serialisation (`client.buildRequest`: URL, headers, JSON body).
// Medians of interleaved rounds; run with `node bench/guard.js` after `npm run build`.
const fs = require('node:fs')
const path = require('node:path')
const DodoPayments = require('dodopayments').default
const { guard, Linter } = require('..')
const { startStandIn } = require('../test/standin.js')

const root = path.resolve(__dirname, '..', '..', '..')
const payload = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/doc-examples/02-multi-product.json'), 'utf8'))

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function time(fn, iterations) {
  const start = process.hrtime.bigint()
  for (let i = 0; i < iterations; i++) await fn()
  return Number(process.hrtime.bigint() - start) / iterations / 1000
}

async function main() {
  const server = await startStandIn()
  const sdk = () => new DodoPayments({ bearerToken: 'sk_test_bench', baseURL: server.baseURL, maxRetries: 0 })
  const plain = sdk()
  const guarded = guard(sdk())
  const linter = new Linter()
  // The guard's own cost, without the network's noise: a client whose create does nothing.
  const stub = () => ({ checkoutSessions: { create: () => null } })
  const bare = stub()
  const guardedStub = guard(stub())
  const contenders = {
    'create, unguarded': () => plain.checkoutSessions.create(payload),
    'create, guarded': () => guarded.checkoutSessions.create(payload),
    'lint alone': () => linter.lint(payload, { allowUndefined: true }),
    'SDK request serialisation': () => plain.buildRequest({ method: 'post', path: '/checkouts', body: payload }),
    'stub create, unguarded': () => bare.checkoutSessions.create(payload),
    'stub create, guarded': () => guardedStub.checkoutSessions.create(payload),
  }
  const rounds = 9
  const iterations = { 'create, unguarded': 300, 'create, guarded': 300 }
  for (const name of Object.keys(contenders)) iterations[name] ??= 5000
  const samples = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]))
  for (const [name, fn] of Object.entries(contenders)) await time(fn, iterations[name]) // warm up
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(contenders)) samples[name].push(await time(fn, iterations[name]))
  }
  await server.close()
  const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]))
  console.log(`payload: doc example 02 (${JSON.stringify(payload).length} B); node ${process.version}`)
  console.log('| per call | µs |')
  console.log('|---|---|')
  for (const [name, value] of Object.entries(m)) console.log(`| ${name} | ${value.toFixed(1)} |`)
  const overhead = m['stub create, guarded'] - m['stub create, unguarded']
  console.log(`| guard overhead (stubbed SDK: guarded − unguarded) | ${overhead.toFixed(1)} |`)
  console.log(`| guard overhead ÷ SDK request serialisation | ${(overhead / m['SDK request serialisation']).toFixed(2)} |`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
