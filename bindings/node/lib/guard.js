'use strict'
// guard(client): the official SDK client, with every checkout payload it sends linted first.
//
// The client is changed in place and returned, so `instanceof`, its types and everything but
// the two guarded methods stay the SDK's own: `client.checkoutSessions` becomes an object whose
// prototype is the SDK's resource, with its own `create` and `preview`. A payload that fails
// is rejected before the SDK sees it (no request is made); one that passes goes to the SDK
// untouched, and its APIPromise (`.withResponse()`, `.asResponse()`) comes back as it is.

const { Linter } = require('./linter.js')
const { CheckoutLintError, describe, reaches } = require('./error.js')

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
      const verdict = check(settings, body, name)
      if (verdict && settings.mode === 'throw') return rejected(verdict.error)
      if (verdict) verdict.tell()
      return send.call(resource, body, requestOptions)
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

// `undefined` when the payload passes; otherwise the error to throw and how to warn of it.
function check({ linter, failOn, report }, body, name) {
  let result
  try {
    // The SDK sends JSON.stringify(body), which drops undefined members: so does the lint.
    result = linter.lint(body, { allowUndefined: true, name })
  } catch (error) {
    // A value JSON cannot hold (NaN, a Map, a cycle): the SDK would send something else.
    return { error, tell: () => console.warn(`checkout-lint: ${name}: ${error.message}`) }
  }
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
