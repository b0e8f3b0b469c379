'use strict'
// Which binary the extension runs (out/locate.js, compiled by `npm run compile`): never one found
// through a relative PATH entry, never one inside a workspace folder unless the workspace is
// trusted and checkoutLint.path names it, and a symlink cannot smuggle one in.
const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { resolveBinary, settingValue, absolutePathEntries, EXECUTABLE } = require('../out/locate.js')

const posix = process.platform !== 'win32'

/** A temporary tree: `ws` is the workspace folder, `outside` is not; real paths (macOS /tmp). */
function tree() {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-lint-locate-')))
  const ws = path.join(root, 'ws')
  const outside = path.join(root, 'outside')
  fs.mkdirSync(ws)
  fs.mkdirSync(outside)
  return { root, ws, outside, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) }
}

/** An executable checkout-lint in `dir` (created), by its path. */
function plant(dir) {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, EXECUTABLE)
  fs.writeFileSync(file, '#!/bin/sh\necho checkout-lint 0.0.0\n')
  fs.chmodSync(file, 0o755)
  return file
}

const PATH = (...entries) => entries.join(path.delimiter)

test('relative PATH entries (".", "node_modules/.bin", empty) are never searched', () => {
  const { ws, outside, cleanup } = tree()
  const cwd = process.cwd()
  try {
    plant(path.join(ws, 'node_modules', '.bin'))
    plant(ws)
    plant(path.join(ws, 'bin'))
    const genuine = plant(path.join(outside, 'bin'))
    // The extension host's current directory is the workspace: a relative entry would find the
    // planted binaries first.
    process.chdir(ws)
    for (const trusted of [false, true]) {
      const envPath = PATH('node_modules/.bin', '.', '', 'bin', './bin', path.join(outside, 'bin'))
      const found = resolveBinary({ trusted, workspaceFolders: [ws], envPath })
      assert.deepEqual(found.binary, { path: genuine, source: 'PATH' }, `trusted: ${trusted}`)
      const only = resolveBinary({ trusted, workspaceFolders: [ws], envPath: PATH('node_modules/.bin', '.', '') })
      assert.equal(only.binary, undefined, `trusted: ${trusted}`)
      // Even with no workspace folder at all.
      assert.equal(resolveBinary({ trusted, workspaceFolders: [], envPath: PATH('.', 'node_modules/.bin') }).binary, undefined)
    }
  } finally {
    process.chdir(cwd)
    cleanup()
  }
})

test('PATH entries: absolute ones only, also in Windows form', () => {
  assert.deepEqual(absolutePathEntries(['/usr/bin', '.', '', 'node_modules/.bin', '/opt/x/bin', '..'].join(':'), 'linux'),
    ['/usr/bin', '/opt/x/bin'])
  assert.deepEqual(
    absolutePathEntries(['C:\\Tools', '.', '', 'bin', '\\rooted', 'D:relative', '"C:\\Program Files\\cl"', '\\\\server\\share\\bin'].join(';'), 'win32'),
    ['C:\\Tools', 'C:\\Program Files\\cl', '\\\\server\\share\\bin'])
  assert.deepEqual(absolutePathEntries(undefined, 'linux'), [])
})

test('a binary inside the workspace is refused on PATH, trusted or not, when the setting does not name it', () => {
  const { ws, outside, cleanup } = tree()
  try {
    plant(path.join(ws, 'node_modules', '.bin'))
    const genuine = plant(path.join(outside, 'bin'))
    // An absolute PATH entry into the workspace (direnv, a terminal's `npm run` environment).
    const envPath = PATH(path.join(ws, 'node_modules', '.bin'), path.join(outside, 'bin'))
    for (const trusted of [false, true]) {
      const found = resolveBinary({ trusted, workspaceFolders: [ws], envPath })
      assert.deepEqual(found.binary, { path: genuine, source: 'PATH' }, `trusted: ${trusted}`)
      assert.ok(found.skipped.some((skip) => skip.path === path.join(ws, 'node_modules', '.bin', EXECUTABLE) && /inside the workspace/.test(skip.reason)),
        JSON.stringify(found.skipped))
      const none = resolveBinary({ trusted, workspaceFolders: [ws], envPath: path.join(ws, 'node_modules', '.bin') })
      assert.equal(none.binary, undefined, `trusted: ${trusted}`)
      // The setting names a different binary: the workspace one is still not chosen.
      const other = resolveBinary({ trusted, setting: genuine, workspaceFolders: [ws], envPath })
      assert.deepEqual(other.binary, { path: genuine, source: 'setting' })
    }
    // A second workspace folder counts as much as the first.
    const second = resolveBinary({ trusted: true, workspaceFolders: [outside, ws], envPath })
    assert.equal(second.binary, undefined)
  } finally {
    cleanup()
  }
})

test('checkoutLint.path may name a binary inside the workspace only when the workspace is trusted', () => {
  const { ws, outside, cleanup } = tree()
  try {
    const planted = plant(path.join(ws, 'node_modules', '.bin'))
    const genuine = plant(path.join(outside, 'bin'))
    const envPath = path.join(outside, 'bin')
    for (const setting of [planted, 'node_modules/.bin/checkout-lint', './node_modules/.bin/checkout-lint']) {
      if (!posix && !setting.startsWith(ws)) continue
      const trusted = resolveBinary({ trusted: true, setting, workspaceFolders: [ws], envPath })
      assert.deepEqual(trusted.binary, { path: planted, source: 'setting' }, setting)
      // Untrusted (a user setting that points into the workspace): refused, the next candidate runs.
      const untrusted = resolveBinary({ trusted: false, setting, workspaceFolders: [ws], envPath })
      assert.deepEqual(untrusted.binary, { path: genuine, source: 'PATH' }, setting)
      assert.ok(untrusted.skipped.some((skip) => skip.source === 'setting' && /not trusted/.test(skip.reason)), JSON.stringify(untrusted.skipped))
      assert.equal(resolveBinary({ trusted: false, setting, workspaceFolders: [ws], envPath: '' }).binary, undefined)
    }
    // A bare name in the setting is looked up like PATH: absolute entries only.
    const cwd = process.cwd()
    try {
      process.chdir(ws)
      const bare = resolveBinary({ trusted: true, setting: EXECUTABLE, workspaceFolders: [ws], envPath: PATH('node_modules/.bin', '.') })
      assert.equal(bare.binary, undefined)
      const onPath = resolveBinary({ trusted: false, setting: EXECUTABLE, workspaceFolders: [ws], envPath: PATH('node_modules/.bin', envPath) })
      assert.deepEqual(onPath.binary, { path: genuine, source: 'setting' })
      // A bare name names a command, not the workspace's file: an absolute entry into the
      // workspace is passed over even when trusted.
      const inWs = resolveBinary({ trusted: true, setting: EXECUTABLE, workspaceFolders: [ws], envPath: PATH(path.join(ws, 'node_modules', '.bin'), envPath) })
      assert.deepEqual(inWs.binary, { path: genuine, source: 'setting' })
    } finally {
      process.chdir(cwd)
    }
  } finally {
    cleanup()
  }
})

test('a symlink that resolves into the workspace is refused', { skip: !posix && 'symlinks need privileges on Windows' }, () => {
  const { root, ws, outside, cleanup } = tree()
  try {
    const planted = plant(path.join(ws, 'tools'))
    // A link to the binary and a link to its folder, both outside the workspace.
    fs.mkdirSync(path.join(outside, 'links'))
    fs.symlinkSync(planted, path.join(outside, 'links', EXECUTABLE))
    fs.symlinkSync(path.join(ws, 'tools'), path.join(outside, 'tools-link'))
    for (const entry of [path.join(outside, 'links'), path.join(outside, 'tools-link')]) {
      for (const trusted of [false, true]) {
        const found = resolveBinary({ trusted, workspaceFolders: [ws], envPath: entry })
        assert.equal(found.binary, undefined, `${entry}, trusted: ${trusted}`)
        assert.ok(found.skipped.some((skip) => /inside the workspace/.test(skip.reason)), JSON.stringify(found.skipped))
      }
      // The setting naming the link counts only in a trusted workspace; then the real file runs.
      const setting = path.join(entry, EXECUTABLE)
      assert.equal(resolveBinary({ trusted: false, setting, workspaceFolders: [ws], envPath: '' }).binary, undefined)
      assert.deepEqual(resolveBinary({ trusted: true, setting, workspaceFolders: [ws], envPath: '' }).binary, { path: planted, source: 'setting' })
    }
    // A workspace folder opened through a link: the binary's real path is still inside it.
    fs.symlinkSync(ws, path.join(root, 'ws-link'))
    assert.equal(resolveBinary({ trusted: true, workspaceFolders: [path.join(root, 'ws-link')], envPath: path.join(ws, 'tools') }).binary, undefined)
    // A link inside the workspace to a binary outside it: the workspace still chose it.
    const genuine = plant(path.join(outside, 'bin'))
    fs.mkdirSync(path.join(ws, 'bin'))
    fs.symlinkSync(genuine, path.join(ws, 'bin', EXECUTABLE))
    assert.equal(resolveBinary({ trusted: true, workspaceFolders: [ws], envPath: path.join(ws, 'bin') }).binary, undefined)
  } finally {
    cleanup()
  }
})

test('preference: the setting, then the bundled binary, then PATH', () => {
  const { ws, outside, cleanup } = tree()
  try {
    const bundled = plant(path.join(outside, 'extension', 'bin'))
    const onPath = plant(path.join(outside, 'bin'))
    const mine = plant(path.join(outside, 'mine'))
    const envPath = path.join(outside, 'bin')
    assert.deepEqual(resolveBinary({ trusted: false, workspaceFolders: [ws], bundled, envPath }).binary, { path: bundled, source: 'bundled' })
    assert.deepEqual(resolveBinary({ trusted: false, setting: mine, workspaceFolders: [ws], bundled, envPath }).binary, { path: mine, source: 'setting' })
    const noBundle = path.join(outside, 'no-extension', 'bin', EXECUTABLE)
    assert.deepEqual(resolveBinary({ trusted: false, workspaceFolders: [ws], bundled: noBundle, envPath }).binary, { path: onPath, source: 'PATH' })
    // A setting naming a file that does not exist (outside the workspace) is still the answer, so
    // that the user hears it does not run instead of getting some other binary.
    const missing = path.join(outside, 'no-such-checkout-lint')
    assert.deepEqual(resolveBinary({ trusted: false, setting: missing, workspaceFolders: [ws], bundled, envPath }).binary, { path: missing, source: 'setting' })
  } finally {
    cleanup()
  }
})

test('checkoutLint.path from workspace settings counts only in a trusted workspace', () => {
  const inspected = { globalValue: '/usr/local/bin/checkout-lint', workspaceValue: './evil', workspaceFolderValue: './evil2' }
  assert.equal(settingValue(inspected, false), '/usr/local/bin/checkout-lint')
  assert.equal(settingValue({ workspaceValue: './evil' }, false), undefined)
  assert.equal(settingValue({ workspaceFolderValue: './evil' }, false), undefined)
  assert.equal(settingValue(inspected, true), './evil2')
  assert.equal(settingValue({ globalValue: '/a', workspaceValue: '/b' }, true), '/b')
  assert.equal(settingValue({ globalValue: '  ' }, true), undefined)
  assert.equal(settingValue({ globalValue: null }, true), undefined)
  assert.equal(settingValue(undefined, true), undefined)
})
