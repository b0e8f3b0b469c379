'use strict'
// `npm run package`: writes checkout-lint-VERSION.vsix here with @vscode/vsce. With
// CHECKOUT_LINT_BINARY=path and VSCE_TARGET (e.g. linux-x64) it writes the platform-specific
// package, with that binary inside (checkout-lint-linux-x64-VERSION.vsix).
const { execFileSync } = require('node:child_process')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const { version } = require(path.join(here, 'package.json'))
const target = process.env.VSCE_TARGET
if (target && !process.env.CHECKOUT_LINT_BINARY) {
  console.error('VSCE_TARGET needs CHECKOUT_LINT_BINARY (the binary to ship)')
  process.exit(2)
}
const out = path.join(here, target ? `checkout-lint-${target}-${version}.vsix` : `checkout-lint-${version}.vsix`)
const args = ['package', '--skip-license', '--allow-missing-repository', '--out', out]
if (target) args.push('--target', target)
execFileSync(path.join(here, 'node_modules', '.bin', 'vsce'), args, { cwd: here, stdio: 'inherit' })
console.log(out)
