'use strict'
// A stand-in for the Dodo API's checkout endpoints on 127.0.0.1, for the guard's tests and
// benchmark: it counts what it receives and answers as the API documents.

const http = require('node:http')

const SESSION = { session_id: 'cks_standin', checkout_url: 'https://checkout.example/cks_standin' }
const PREVIEW = { billing_country: 'US', currency: 'USD', total_price: 500, product_cart: [] }
const STATUS = { id: 'cks_standin', created_at: '2026-12-02T00:00:00Z' }

/** Starts the server; resolves to `{ baseURL, requests, close() }`. */
async function startStandIn() {
  const requests = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      requests.push({ method: req.method, url: req.url, body: body ? JSON.parse(body) : undefined })
      const answer =
        req.method === 'POST' && req.url === '/checkouts' ? SESSION
        : req.method === 'POST' && req.url === '/checkouts/preview' ? PREVIEW
        : req.method === 'GET' && req.url.startsWith('/checkouts/') ? STATUS
        : undefined
      res.writeHead(answer ? 200 : 404, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer ?? { code: 'NOT_FOUND', message: 'no such route' }))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return {
    baseURL: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

module.exports = { startStandIn, SESSION, PREVIEW }
