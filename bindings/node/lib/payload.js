'use strict'
// A JS value to the JSON text the SDK would send. JSON.stringify is the fastest converter a JS
// object has, but it changes some values silently (drops `undefined`, functions and symbols,
// writes NaN as null, a Map as {}); a linter that checked those bytes would pass a payload that
// is not what the caller wrote. So a value is checked first, and anything JSON cannot hold is a
// TypeError that says where it is. The check builds no strings: only when it fails is the value
// walked again to name the place.

// Deeper than this is a circular reference or not a checkout payload.
const MAX_DEPTH = 256

function toJsonText(payload, options = {}, root = 'payload') {
  if (typeof payload === 'string') return payload
  const allowUndefined = options.allowUndefined === true
  if (!isJson(payload, 0, allowUndefined)) explain(payload, root, 0, allowUndefined)
  return JSON.stringify(payload)
}

// The guard's snapshot: one JSON.stringify pass whose replacer refuses what `toJsonText` refuses,
// so that every value is read exactly once (a getter or a Proxy cannot show the check one value
// and the serialiser another) and the text returned is the text of the values checked.
// Undefined object members are absent, as the SDK's own JSON.stringify makes them. A cycle, a
// getter that throws, a stack overflow: a TypeError that carries JSON.stringify's own error.
function snapshotText(payload, root = 'payload') {
  let text
  try {
    text = JSON.stringify(payload, refuseNonJson)
  } catch (error) {
    if (!(error instanceof NotJson)) throw new TypeError(`${root} could not be serialised: ${error}`, { cause: error })
    // Name the place: walk again (for the message only: a getter may answer differently now).
    try {
      explain(payload, root, 0, true)
    } catch (located) {
      if (located instanceof TypeError) throw located
    }
    throw new TypeError(`${root}: the member ${JSON.stringify(error.key)} ${error.message}`)
  }
  if (text === undefined) fail(root, 'is undefined, which JSON cannot hold')
  return text
}

class NotJson extends Error {
  constructor(key, message) {
    super(message)
    this.key = key
  }
}

// JSON.stringify calls this with `this` the holder, after any toJSON (so a Date is its string).
function refuseNonJson(key, value) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      if (value - value === 0) return value
      throw new NotJson(key, `${value} is not a JSON number (JSON.stringify would send null)`)
    case 'object':
      if (value === null || Array.isArray(value) || isPlainObject(value)) return value
      throw new NotJson(key, `is a ${value.constructor?.name ?? 'object'}, which JSON cannot hold`)
    case 'undefined':
      if (Array.isArray(this)) throw new NotJson(key, 'is undefined (JSON.stringify would send null)')
      return value
    default:
      throw new NotJson(key, `is a ${typeof value}, which JSON cannot hold`)
  }
}

// The fast check: true when JSON.stringify would write exactly this value. Ordered by what
// payloads hold most (strings, then objects); about a tenth of JSON.stringify's time.
function isJson(value, depth, allowUndefined) {
  if (typeof value === 'string') return true
  if (typeof value === 'object') {
    if (value === null) return true
    if (depth >= MAX_DEPTH) return false
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!isJson(value[i], depth + 1, false)) return false
      }
      return true
    }
    if (!isPlainObject(value)) return false
    for (const key in value) {
      const member = value[key]
      if (member === undefined && allowUndefined) continue
      if (!isJson(member, depth + 1, allowUndefined)) return false
    }
    return true
  }
  // Finite numbers only: NaN - NaN and Infinity - Infinity are NaN.
  if (typeof value === 'number') return value - value === 0
  return typeof value === 'boolean'
}

// Prototype-less or Object.prototype objects: what JSON.stringify writes member by member.
// (Such objects inherit no enumerable keys, so `for...in` above sees only their own.)
function isPlainObject(value) {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

// The slow path: find the first value JSON cannot hold and throw a TypeError naming it.
function explain(value, path, depth, allowUndefined) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return
    case 'number':
      if (!Number.isFinite(value)) fail(path, `${value} is not a JSON number (JSON.stringify would send null)`)
      return
    case 'undefined':
      fail(path, 'is undefined, which JSON cannot hold (JSON.stringify would drop it); omit it or use null')
      return
    case 'object':
      break
    default:
      fail(path, `is a ${typeof value}, which JSON cannot hold`)
  }
  if (value === null) return
  if (depth >= MAX_DEPTH) fail(path, `is nested deeper than ${MAX_DEPTH} levels (a circular reference?)`)
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (value[i] === undefined) fail(`${path}[${i}]`, 'is undefined (JSON.stringify would send null)')
      explain(value[i], `${path}[${i}]`, depth + 1, false)
    }
    return
  }
  if (!isPlainObject(value)) {
    // Dates and other values that say how they become JSON are sent as that.
    if (typeof value.toJSON === 'function') return explain(value.toJSON(), path, depth, allowUndefined)
    const kind = value.constructor?.name ?? 'object'
    fail(path, `is a ${kind}, which JSON cannot hold (JSON.stringify would send {})`)
  }
  for (const key in value) {
    if (value[key] === undefined && allowUndefined) continue
    explain(value[key], memberPath(path, key), depth + 1, allowUndefined)
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/
function memberPath(path, key) {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`
}

function fail(path, message) {
  throw new TypeError(`${path} ${message}`)
}

module.exports = { toJsonText, snapshotText }
