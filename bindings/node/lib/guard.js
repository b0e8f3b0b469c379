'use strict'
// guard(client): the official SDK client, with every checkout payload it sends linted first.
//
// The client is changed in place and returned, so `instanceof`, its types and everything but
// the two guarded methods stay the SDK's own: `client.checkoutSessions` becomes an object whose
// prototype is the SDK's resource, with its own `create` and `preview`. A payload that fails
// is rejected before the SDK sees it (no request is made); one that passes goes to the SDK,
// and its APIPromise (`.withResponse()`, `.asResponse()`) comes back as it is.
//
// What is linted is what is sent: the body the SDK would send (the call's `requestOptions.body`
// replaces the first argument, as in the SDK) is serialised once, that text is linted, and the
// SDK is handed the parsed text, which it serialises back to the same bytes. When that cannot
// be known (a value JSON cannot hold, a body that is a stream or a Blob, `fetchOptions.body`),
// throw mode rejects with a CheckoutLintError that says the payload could not be checked.

const { Linter } = require('./linter.js')
const { CheckoutLintError, describe, reaches, unchecked } = require('./error.js')
const { snapshotText } = require('./payload.js')

/** Overrides the mode per deployment: off, warn or throw. Read when `guard` is called. */
const CHECKOUT_LINT_VARIABLE = 'CHECKOUT_LINT'
// `raise` is the Python package's name for throw; one variable serves both.
const MODES = { throw: 'throw', raise: 'throw', warn: 'warn', off: 'off' }
const FAIL_ON = ['error', 'warning']
// The SDK's checkout-session methods whose first argument is a payload.
const METHODS = ['create', 'preview']
const GUARDED = Symbol.for('checkout-lint.guarded')

function guard(client, options = {}) {
  const resource = client?.checkoutSessions
  if (resource === null || typeof resource !== 'object') {
    throw new TypeError('guard() takes a DodoPayments client (an object with checkoutSessions)')
  }
  const mode = chooseMode(options.mode)
  const failOn = options.failOn ?? 'error'
  if (!FAIL_ON.includes(failOn)) {
    throw new TypeError(`failOn must be 'error' or 'warning', not ${JSON.stringify(failOn)}`)
  }
  if (mode === 'off') return client
  const settings = { linter: new Linter(options), mode, failOn, report: options.onDiagnostics ?? warnOnConsole }
  return install(client, settings)
}

function chooseMode(fromOptions) {
  const fromEnv = process.env[CHECKOUT_LINT_VARIABLE]?.trim().toLowerCase()
  const chosen = fromEnv || (fromOptions ?? 'throw')
  const mode = Object.hasOwn(MODES, chosen) ? MODES[chosen] : undefined
  if (mode === undefined) {
    const where = fromEnv ? `${CHECKOUT_LINT_VARIABLE}` : 'mode'
    throw new TypeError(`${where} must be 'throw', 'warn' or 'off', not ${JSON.stringify(chosen)}`)
  }
  return mode
}

// Guards `client` in place; a client made from it by `withOptions()` is guarded the same way.
function install(client, settings) {
  const resource = client.checkoutSessions
  if (resource[GUARDED]) return client
  const guarded = Object.create(resource)
  for (const method of METHODS) {
    const send = resource[method]
    if (typeof send !== 'function') continue
    const name = `checkoutSessions.${method}`
    define(guarded, method, function guardedCall(body, requestOptions) {
      let call
      try {
        call = snapshot(client, body, requestOptions)
      } catch (error) {
        const reason = error instanceof Unchecked || error instanceof TypeError ? error.message : `reading it threw ${error}`
        if (settings.mode === 'throw') return rejected(unchecked(reason, error))
        console.warn(`checkout-lint: ${name}: checkout payload could not be checked: ${reason}`)
        return send.call(resource, body, requestOptions)
      }
      const verdict = check(settings, call.text, name)
      if (verdict && settings.mode === 'throw') return rejected(verdict.error)
      if (verdict) verdict.tell()
      return send.call(resource, call.body, call.options)
    })
  }
  define(guarded, GUARDED, true)
  client.checkoutSessions = guarded
  const withOptions = client.withOptions
  if (typeof withOptions === 'function') {
    define(client, 'withOptions', function guardedWithOptions(...args) {
      return install(withOptions.apply(this, args), settings)
    })
  }
  return client
}

// What the SDK would send for `create(body, requestOptions)`, read once: `{ text, body, options }`,
// where `text` is the JSON the SDK will write when it is handed `body` and `options` (copies
// taken here, so a getter or Proxy is not read again). Throws (an Unchecked, a TypeError naming
// a value JSON cannot hold, or JSON.stringify's own error) when that text cannot be known.
//
// From the dodopayments 2.52.0 source: `create(body, options)` posts `{ body, ...options }`;
// `buildBody` sends nothing for a falsy body, binary data, FormData, URLSearchParams and streams
// as they are, an iterator as a stream, a string verbatim when the call's headers have a
// content-type, an object form-encoded under `application/x-www-form-urlencoded`, and
// everything else as `JSON.stringify(body)`; `fetchOptions` (the client's, then the call's) are
// spread over the fetch init last, so a `body` there replaces the one built.
function snapshot(client, body, requestOptions) {
  const options = requestOptions === undefined || requestOptions === null ? undefined : { ...requestOptions }
  let payload = body
  let where = 'payload'
  if (options !== undefined && Object.hasOwn(options, 'body')) {
    payload = options.body
    delete options.body
    where = 'requestOptions.body'
  }
  if (options?.fetchOptions !== undefined && options.fetchOptions !== null) {
    options.fetchOptions = { ...options.fetchOptions }
    if (Object.hasOwn(options.fetchOptions, 'body')) {
      throw new Unchecked('requestOptions.fetchOptions.body replaces the body the SDK would send')
    }
  }
  const shared = client.fetchOptions
  if (shared !== null && typeof shared === 'object' && Object.prototype.propertyIsEnumerable.call(shared, 'body')) {
    throw new Unchecked("the client's fetchOptions.body replaces the body the SDK would send")
  }
  let contentType
  if (options?.headers !== undefined && options.headers !== null) {
    options.headers = copyHeaders(options.headers)
    contentType = contentTypeOf(options.headers)
  }
  if (!payload) throw new Unchecked(`${where} is ${describeValue(payload)}: the SDK would send no body`)
  if (isRawBody(payload)) {
    throw new Unchecked(`${where} is a ${describeValue(payload)}, which the SDK sends as it is, unread by checkout-lint`)
  }
  if (typeof payload === 'string' && contentType !== undefined) {
    // Sent verbatim: lint those very characters.
    return { text: payload, body: payload, options }
  }
  if (typeof payload === 'object' && isIterator(payload)) {
    throw new Unchecked(`${where} is an iterator, which the SDK would stream unread by checkout-lint`)
  }
  if (typeof payload === 'object' && contentType?.toLowerCase().includes('application/x-www-form-urlencoded')) {
    throw new Unchecked(`the content-type ${JSON.stringify(contentType)} makes the SDK send ${where} form-encoded, not as JSON`)
  }
  const text = snapshotText(payload, where)
  return { text, body: JSON.parse(text), options }
}

class Unchecked extends Error {}

function isRawBody(value) {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (globalThis.Blob !== undefined && value instanceof globalThis.Blob) ||
    (globalThis.FormData !== undefined && value instanceof globalThis.FormData) ||
    (globalThis.URLSearchParams !== undefined && value instanceof globalThis.URLSearchParams) ||
    (globalThis.ReadableStream !== undefined && value instanceof globalThis.ReadableStream)
  )
}

function isIterator(value) {
  return Symbol.asyncIterator in value || (Symbol.iterator in value && 'next' in value && typeof value.next === 'function')
}

function describeValue(value) {
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string'
  if (typeof value !== 'object' || value === null) return String(value)
  return value.constructor?.name ?? 'object'
}

// The call's headers, copied in the form the SDK reads (a Headers, rows, or an object whose
// keys override), so that the content-type seen here is the one the SDK sees.
function copyHeaders(headers) {
  if (typeof headers !== 'object') return headers
  if (globalThis.Headers !== undefined && headers instanceof globalThis.Headers) return new globalThis.Headers(headers)
  if (Array.isArray(headers)) return Array.from(headers, (row) => [row[0], Array.isArray(row[1]) ? [...row[1]] : row[1]])
  return { ...headers }
}

// The content-type the SDK's buildHeaders would end with, or undefined (null clears a header,
// undefined is skipped, a list appends).
function contentTypeOf(headers) {
  if (typeof headers !== 'object') return undefined
  if (globalThis.Headers !== undefined && headers instanceof globalThis.Headers) {
    return headers.get('content-type') ?? undefined
  }
  // The SDK's own merged headers ({ [brand]: true, values: Headers, nulls }).
  if (Object.getOwnPropertySymbols(headers).length > 0 && headers.values instanceof globalThis.Headers) {
    return headers.values.get('content-type') ?? undefined
  }
  let values = []
  for (const row of Array.isArray(headers) ? headers : Object.entries(headers)) {
    if (typeof row[0] !== 'string' || row[0].toLowerCase() !== 'content-type') continue
    // An object's key replaces what came before it (once it has a value); rows append.
    let replace = !Array.isArray(headers)
    for (const value of Array.isArray(row[1]) ? row[1] : [row[1]]) {
      if (value === undefined) continue
      if (replace || value === null) values = []
      replace = false
      if (value !== null) values.push(String(value))
    }
  }
  return values.length === 0 ? undefined : values.join(', ')
}

// `undefined` when the payload passes; otherwise the error to throw and how to warn of it.
function check({ linter, failOn, report }, text, name) {
  const result = linter.lint(text, { name })
  if (!result.diagnostics.some((d) => reaches(d, failOn))) return undefined
  return {
    error: new CheckoutLintError(result, failOn),
    tell: () => report(result, { method: name, failOn }),
  }
}

function warnOnConsole(result, { method, failOn }) {
  console.warn(`checkout-lint: ${method}: ${describe(result, failOn)}`)
}

// A rejected promise that also answers the APIPromise helpers callers chain on. It is marked
// handled, since a caller may use only `.withResponse()`; awaiting it still throws.
function rejected(error) {
  const promise = Promise.reject(error)
  promise.catch(() => {})
  promise.withResponse = () => Promise.reject(error)
  promise.asResponse = () => Promise.reject(error)
  return promise
}

function define(target, key, value) {
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false })
}

module.exports = { guard, CHECKOUT_LINT_VARIABLE }
