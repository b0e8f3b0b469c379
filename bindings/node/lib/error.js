'use strict'
// CheckoutLintError: what `assertValid` and a guarded SDK call throw for a payload with errors.

const SEVERITY_RANK = { info: 0, warning: 1, error: 2 }

/** Whether a diagnostic is at or above `failOn` ('error' or 'warning'). */
function reaches(diagnostic, failOn) {
  return SEVERITY_RANK[diagnostic.severity] >= SEVERITY_RANK[failOn]
}

class CheckoutLintError extends Error {
  // `reason` (internal, see `unchecked`): why the payload could not be checked at all.
  constructor(result, failOn = 'error', reason = undefined, cause = undefined) {
    const message = reason === undefined ? describe(result, failOn) : `checkout payload could not be checked: ${reason}`
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'CheckoutLintError'
    this.diagnostics = result.diagnostics
    this.result = result
    /** Why the payload could not be checked; undefined when it was checked and has findings. */
    this.reason = reason
  }
}

// What a guard in throw mode rejects with when it cannot know what would be sent (a value
// JSON cannot hold, a body it cannot read, a getter that throws): no diagnostics, a reason.
function unchecked(reason, cause) {
  return new CheckoutLintError({ diagnostics: [], hasErrors: false }, 'error', reason, cause)
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

module.exports = { CheckoutLintError, describe, reaches, unchecked }
