'use strict'
// scripts/assets.js names the bundled binary for the package's platform, not the packaging
// machine's: the release packages every platform's .vsix on Linux.
const test = require('node:test')
const assert = require('node:assert/strict')
const { bundledName } = require('../scripts/assets.js')

test('a win32 package bundles checkout-lint.exe, whatever platform packages it', () => {
  assert.equal(bundledName('win32-x64', 'linux'), 'checkout-lint.exe')
  assert.equal(bundledName('win32-arm64', 'darwin'), 'checkout-lint.exe')
})

test('other packages bundle checkout-lint, even when packaged on Windows', () => {
  for (const target of ['linux-x64', 'linux-arm64', 'alpine-x64', 'alpine-arm64', 'darwin-x64', 'darwin-arm64']) {
    assert.equal(bundledName(target, 'win32'), 'checkout-lint')
  }
})

test('without a target, the packaging platform decides', () => {
  assert.equal(bundledName(undefined, 'win32'), 'checkout-lint.exe')
  assert.equal(bundledName(undefined, 'linux'), 'checkout-lint')
})
