'use strict'
// Linter: the native engine with its config and catalogue loaded once, reused across calls.

const { NativeLinter } = require('../native.js')
const { toJsonText } = require('./payload.js')
const { CheckoutLintError } = require('./error.js')

class Linter {
  constructor(options = {}) {
    this.native = new NativeLinter(nativeOptions(options))
  }

  lint(payload, options = {}) {
    const text = toJsonText(payload, options)
    return JSON.parse(this.native.lint(text, options.name ?? '<payload>'))
  }

  assertValid(payload, options = {}) {
    const result = this.lint(payload, options)
    if (result.hasErrors) throw new CheckoutLintError(result)
    return result
  }
}

/** Whether options name a config or catalogue (else the shared default linter will do). */
function isConfigured(options) {
  return options.configPath !== undefined || options.config !== undefined || options.catalogue !== undefined
}

// Options become text at this edge: the Rust side reads TOML or JSON, never JS values.
function nativeOptions(options) {
  const native = {}
  if (options.configPath !== undefined) native.configPath = String(options.configPath)
  if (typeof options.config === 'string') native.configToml = options.config
  else if (options.config !== undefined) native.configJson = toJsonText(options.config, {}, 'config')
  if (typeof options.catalogue === 'string') native.cataloguePath = options.catalogue
  else if (options.catalogue !== undefined) {
    native.catalogueJson = toJsonText(options.catalogue, {}, 'catalogue')
  }
  return native
}

module.exports = { Linter, isConfigured }
