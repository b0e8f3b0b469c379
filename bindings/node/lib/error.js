'use strict'
// CheckoutLintError: what `assertValid` and a guarded SDK call throw for a payload with errors.

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 }

/** Whether a diagnostic is at or above `failOn` ('error' or 'warning'). */
function reaches(diagnostic, failOn) {
  return SEVERITY_RANK[diagnostic.severity] >= SEVERITY_RANK[failOn]
}

class CheckoutLintError extends Error {
  constructor(result, failOn = 'error') {
    super(describe(result, failOn))
    this.name = 'CheckoutLintError'
    this.diagnostics = result.diagnostics
    this.result = result
  }
}

// "checkout payload has 2 errors:" then one line per diagnostic: pointer, severity, rule, text.
function describe(result, failOn = 'error') {
  const count = result.diagnostics.filter((d) => reaches(d, failOn)).length
  const what = failOn === 'error' ? 'error' : 'problem'
  const lines = result.diagnostics.map(
    (d) => `  ${d.pointer || '/'}: ${d.severity}[${d.rule}] ${d.message}${d.help ? ` (help: ${d.help})` : ''}`,
  )
  return [`checkout payload has ${count} ${what}${count === 1 ? '' : 's'}:`, ...lines].join('\n')
}

module.exports = { CheckoutLintError, describe, reaches }
