#!/usr/bin/env node
'use strict'
// `npx checkout-lint …`: runs the checkout-lint binary that came with this platform's package
// (checkout-lint-linux-x64-gnu and so on, an optional dependency npm installed beside this one),
// passing arguments, standard streams, the exit code and a killing signal through. No compiler
// and no postinstall script: the binary is prebuilt.
// CHECKOUT_LINT_BINARY names another binary (a local build, or a platform npm could not match).
const { spawnSync } = require('node:child_process')
const path = require('node:path')
const { currentPlatform, packageName, executableName } = require('../lib/platform.js')

function locate() {
  if (process.env.CHECKOUT_LINT_BINARY) return process.env.CHECKOUT_LINT_BINARY
  const platform = currentPlatform()
  if (!platform) {
    fail(`no prebuilt checkout-lint for ${process.platform}-${process.arch}; build it with \`cargo install checkout-lint\` and set CHECKOUT_LINT_BINARY to its path`)
  }
  const name = packageName(platform)
  let manifest
  try {
    manifest = require.resolve(`${name}/package.json`)
  } catch {
    fail(`the package ${name}, which carries checkout-lint for this platform, is not installed: reinstall checkout-lint without --no-optional/--omit=optional (npm installs the optional dependency that matches the platform)`)
  }
  return path.join(path.dirname(manifest), executableName())
}

function fail(message) {
  process.stderr.write(`checkout-lint: ${message}\n`)
  // 2: the tool could not do its job, as the binary's own exit code says it.
  process.exit(2)
}

const binary = locate()
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: true })
if (result.error) fail(`could not run ${binary}: ${result.error.message}`)
if (result.signal) {
  process.kill(process.pid, result.signal)
} else {
  process.exit(result.status ?? 2)
}
