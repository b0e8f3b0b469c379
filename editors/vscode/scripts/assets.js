'use strict'
// Copies what the .vsix ships from the rest of the repository: the payload JSON Schema (for
// `jsonValidation`) and, for a platform-specific package, the binary named by
// CHECKOUT_LINT_BINARY into bin/, under the name the extension looks for on the package's
// platform (VSCE_TARGET: checkout-lint.exe for win32-*, whatever platform packages it).
const fs = require('node:fs')
const path = require('node:path')

/** The bundled binary's file name in a package for `target` (a vsce target), built on `platform`. */
function bundledName(target, platform = process.platform) {
  return (target || platform).startsWith('win32') ? 'checkout-lint.exe' : 'checkout-lint'
}

function main() {
  const here = path.resolve(__dirname, '..')
  const repo = path.resolve(here, '..', '..')
  fs.mkdirSync(path.join(here, 'schemas'), { recursive: true })
  fs.copyFileSync(
    path.join(repo, 'schemas', 'checkout-session.schema.json'),
    path.join(here, 'schemas', 'checkout-session.schema.json'),
  )
  fs.rmSync(path.join(here, 'bin'), { recursive: true, force: true })
  const binary = process.env.CHECKOUT_LINT_BINARY
  if (binary) {
    fs.mkdirSync(path.join(here, 'bin'))
    const name = bundledName(process.env.VSCE_TARGET)
    fs.copyFileSync(binary, path.join(here, 'bin', name))
    fs.chmodSync(path.join(here, 'bin', name), 0o755)
  }
}

if (require.main === module) main()

module.exports = { bundledName }
