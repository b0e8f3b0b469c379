// Types for the checkout-lint Node.js package. Every diagnostic has exactly the fields of the
// command line's JSON output (schemas/diagnostics.schema.json, format version 1).

/** A byte range in the linted JSON text (UTF-8). */
export interface Span {
  offset: number
  length: number
}

/** An LSP position: 0-based line, UTF-16 code units into the line. */
export interface Position {
  line: number
  character: number
}

/**
 * An LSP range, end exclusive. For an object payload the text is `JSON.stringify(payload)`,
 * one line, so `range.start.character` is an index into that string.
 */
export interface Range {
  start: Position
  end: Position
}

export interface Label {
  message: string
  span: Span
  range: Range
}

export interface Edit {
  span: Span
  range: Range
  replacement: string
}

export interface Fix {
  message: string
  /** safe: keeps the author's intent exactly; unsafe: probably right, but review it. */
  applicability: 'safe' | 'unsafe'
  edits: Edit[]
}

export interface Diagnostic {
  /** The kebab-case rule name; `checkout-lint explain <rule>` documents it. */
  rule: string
  severity: 'error' | 'warning' | 'info'
  message: string
  /** RFC 6901 JSON pointer to the value the span covers; empty for the whole document. */
  pointer: string
  span: Span
  range: Range
  labels: Label[]
  help: string | null
  fix: Fix | null
}

export interface LintResult {
  diagnostics: Diagnostic[]
  /** True when any diagnostic has error severity. */
  hasErrors: boolean
}

/** A rule level in a config. */
export type Level = 'off' | 'info' | 'warning' | 'error'

/** The settings of a `checkout-lint.toml`, inline. */
export interface Config {
  /** A catalogue file, relative to the working directory. */
  catalogue?: string
  account?: { adaptive_pricing?: boolean }
  rules?: Record<string, Level>
  [setting: string]: unknown
}

/** A catalogue product, as the Dodo API returns it (`GET /products/{id}`). */
export type Catalogue = object | object[]

export interface LinterOptions {
  /** A `checkout-lint.toml` to load (its catalogue is read relative to it). */
  configPath?: string
  /** An inline config: an object, or TOML text. */
  config?: Config | string
  /** The product catalogue: a path to a JSON file, or the products themselves. */
  catalogue?: string | Catalogue
}

export interface CallOptions {
  /** The name diagnostics are reported under (default `<payload>`). */
  name?: string
  /**
   * Treat `undefined` object properties as absent, as `JSON.stringify` (and so the SDK) does.
   * By default they are a TypeError, so nothing is linted that differs from what was written.
   */
  allowUndefined?: boolean
}

export type LintOptions = LinterOptions & CallOptions

/**
 * A checkout-session request body: an object (for example the SDK's
 * `CheckoutSessionCreateParams`) or its JSON text.
 */
export type Payload = object | string

/**
 * Lints a payload. Throws a TypeError when the object holds a value JSON cannot (undefined,
 * a function, a bigint, NaN, a Map, a circular reference) and an Error when an option is wrong.
 */
export function lint(payload: Payload, options?: LintOptions): LintResult

/** Lints a payload and throws a `CheckoutLintError` listing the diagnostics if any is an error. */
export function assertValid(payload: Payload, options?: LintOptions): LintResult

/** A linter that keeps its config and catalogue loaded across calls. */
export class Linter {
  constructor(options?: LinterOptions)
  lint(payload: Payload, options?: CallOptions): LintResult
  assertValid(payload: Payload, options?: CallOptions): LintResult
}

/** The SDK methods a guard lints. */
export type GuardedMethod = 'checkoutSessions.create' | 'checkoutSessions.preview'

export interface GuardOptions extends LinterOptions {
  /**
   * `throw` (default): a payload with findings at `failOn` or above rejects the call's promise
   * with a `CheckoutLintError` and nothing is sent; so does one that cannot be checked (its
   * `reason` says why). `warn`: `onDiagnostics` (else `console.warn`) is told, and the payload
   * is sent (one that cannot be checked: `console.warn`, then sent). `off`: the client is left
   * as it is.
   * The `CHECKOUT_LINT` environment variable (off | warn | throw), read when `guard` is
   * called, wins over this.
   */
  mode?: 'throw' | 'warn' | 'off'
  /** The lowest severity that stops (or, in warn mode, reports) a call; default `error`. */
  failOn?: 'error' | 'warning'
  /** Called in warn mode for a payload with findings at `failOn` or above. */
  onDiagnostics?: (result: LintResult, call: { method: GuardedMethod; failOn: 'error' | 'warning' }) => void
}

/**
 * Makes the official SDK client lint every `checkoutSessions.create` and `.preview` payload
 * before it is sent; returns the same client (changed in place), with its type. Clients made
 * from it with `withOptions()` are guarded too. The linter is built once, here.
 */
export function guard<Client extends { checkoutSessions: object }>(client: Client, options?: GuardOptions): Client

/** The environment variable that overrides a guard's mode: `CHECKOUT_LINT`. */
export const CHECKOUT_LINT_VARIABLE: 'CHECKOUT_LINT'

export class CheckoutLintError extends Error {
  readonly name: 'CheckoutLintError'
  readonly diagnostics: Diagnostic[]
  readonly result: LintResult
  /**
   * Set when a guard could not check the payload at all (a value JSON cannot hold, a body it
   * cannot read, `fetchOptions.body`): why. `diagnostics` is then empty. Undefined otherwise.
   */
  readonly reason?: string
}
