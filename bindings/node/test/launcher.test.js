'use strict'
// bin/checkout-lint.js (what `npx checkout-lint` runs) and the platform table behind the npm
// packages. The real binary from a packed platform package is run by tests/release/run.sh.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawnSync, execFileSync } = require('node:child_process')
const { TARGETS, currentPlatform, packageName } = require('../lib/platform.js')

const launcher = path.join(__dirname, '..', 'bin', 'checkout-lint.js')
const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
const posix = process.platform !== 'win32'

test('every napi target has a platform package, named as native.js requires it', () => {
  assert.deepEqual(Object.keys(TARGETS).sort(), [...pkg.napi.targets].sort())
  const loader = fs.existsSync(path.join(__dirname, '..', 'native.js'))
    ? fs.readFileSync(path.join(__dirname, '..', 'native.js'), 'utf8')
    : null
  for (const { platform } of Object.values(TARGETS)) {
    if (loader) assert.ok(loader.includes(`require('${packageName(platform)}')`), `native.js loads ${packageName(platform)}`)
  }
})

test('the platform is chosen by os, cpu and libc', () => {
  assert.equal(currentPlatform({ os: 'linux', cpu: 'x64', musl: false }), 'linux-x64-gnu')
  assert.equal(currentPlatform({ os: 'linux', cpu: 'x64', musl: true }), 'linux-x64-musl')
  assert.equal(currentPlatform({ os: 'linux', cpu: 'arm64', musl: true }), 'linux-arm64-musl')
  assert.equal(currentPlatform({ os: 'darwin', cpu: 'arm64', musl: false }), 'darwin-arm64')
  assert.equal(currentPlatform({ os: 'win32', cpu: 'x64', musl: false }), 'win32-x64-msvc')
  assert.equal(currentPlatform({ os: 'win32', cpu: 'ia32', musl: false }), null)
  assert.equal(currentPlatform({ os: 'freebsd', cpu: 'x64', musl: false }), null)
})

test('the launcher passes arguments, streams and the exit code through', { skip: !posix }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-launcher-'))
  const fake = path.join(dir, 'checkout-lint')
  fs.writeFileSync(fake, '#!/bin/sh\nprintf "args:%s|" "$@"\necho oops >&2\nexit 3\n', { mode: 0o755 })
  const run = spawnSync(process.execPath, [launcher, 'a b', '--format', 'json'], {
    env: { ...process.env, CHECKOUT_LINT_BINARY: fake },
    encoding: 'utf8',
  })
  assert.equal(run.status, 3)
  assert.equal(run.stdout, 'args:a b|args:--format|args:json|')
  assert.equal(run.stderr, 'oops\n')
  fs.rmSync(dir, { recursive: true, force: true })
})

test('without its platform package the launcher says what to do and exits 2', () => {
  // A copy of the launcher outside any node_modules, so that no platform package resolves.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-launcher-'))
  fs.mkdirSync(path.join(dir, 'bin'))
  fs.mkdirSync(path.join(dir, 'lib'))
  fs.copyFileSync(launcher, path.join(dir, 'bin', 'checkout-lint.js'))
  fs.copyFileSync(path.join(__dirname, '..', 'lib', 'platform.js'), path.join(dir, 'lib', 'platform.js'))
  const env = { ...process.env }
  delete env.CHECKOUT_LINT_BINARY
  const run = spawnSync(process.execPath, [path.join(dir, 'bin', 'checkout-lint.js'), '--version'], { env, encoding: 'utf8' })
  assert.equal(run.status, 2)
  assert.match(run.stderr, /checkout-lint: (the package checkout-lint-\S+, which carries checkout-lint|no prebuilt checkout-lint)/)
  fs.rmSync(dir, { recursive: true, force: true })
})

test('scripts/npm-packages.js lays out a platform package and the main package', { skip: !posix }, () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-npm-'))
  const addon = path.join(out, 'fake.node')
  const binary = path.join(out, 'fake-bin')
  fs.writeFileSync(addon, 'addon')
  fs.writeFileSync(binary, 'binary')
  const script = path.join(__dirname, '..', 'scripts', 'npm-packages.js')
  const dir = execFileSync(process.execPath, [script, 'platform', 'aarch64-unknown-linux-musl', addon, binary, out], { encoding: 'utf8' }).trim()
  const platform = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  assert.equal(platform.name, 'checkout-lint-linux-arm64-musl')
  assert.equal(platform.version, pkg.version)
  assert.deepEqual(platform.repository, pkg.repository)
  assert.match(pkg.repository.url, /github\.com\/checkout-lint\/checkout-lint/)
  assert.deepEqual([platform.os, platform.cpu, platform.libc], [['linux'], ['arm64'], ['musl']])
  assert.equal(platform.main, 'checkout-lint.linux-arm64-musl.node')
  assert.deepEqual(platform.files.sort(), ['checkout-lint', 'checkout-lint.linux-arm64-musl.node'])
  assert.equal(fs.statSync(path.join(dir, 'checkout-lint')).mode & 0o111, 0o111)
  const win = execFileSync(process.execPath, [script, 'platform', 'x86_64-pc-windows-msvc', addon, binary, out], { encoding: 'utf8' }).trim()
  assert.ok(fs.existsSync(path.join(win, 'checkout-lint.exe')))
  assert.equal(JSON.parse(fs.readFileSync(path.join(win, 'package.json'), 'utf8')).libc, undefined)

  if (fs.existsSync(path.join(__dirname, '..', 'native.js'))) {
    const main = execFileSync(process.execPath, [script, 'main', out], { encoding: 'utf8' }).trim()
    const published = JSON.parse(fs.readFileSync(path.join(main, 'package.json'), 'utf8'))
    assert.deepEqual(Object.keys(published.optionalDependencies).sort(), Object.values(TARGETS).map((t) => packageName(t.platform)).sort())
    assert.ok(Object.values(published.optionalDependencies).every((v) => v === pkg.version))
    assert.equal(published.devDependencies, undefined)
    assert.equal(published.bin['checkout-lint'], 'bin/checkout-lint.js')
    assert.ok(fs.existsSync(path.join(main, 'bin', 'checkout-lint.js')))
    assert.ok(!fs.readdirSync(main).some((f) => f.endsWith('.node')), 'no local addon in the main package')
  }
  fs.rmSync(out, { recursive: true, force: true })
})
