'use strict'
// The workspace check's manifest readers (compiled to out/ by `npm run compile`).
const test = require('node:test')
const assert = require('node:assert/strict')
const { dependsOnSdkInGoMod, dependsOnSdkInPackageJson, dependsOnSdkInPythonManifest } = require('../out/manifests.js')

test('package.json: a dependency of any kind, and nothing else', () => {
  assert.ok(dependsOnSdkInPackageJson('{"dependencies": {"dodopayments": "^2"}}'))
  assert.ok(dependsOnSdkInPackageJson('{"devDependencies": {"dodopayments": "2.52.0"}}'))
  assert.ok(!dependsOnSdkInPackageJson('{"dependencies": {"dodopayments-extra": "1"}}'))
  assert.ok(!dependsOnSdkInPackageJson('{"name": "dodopayments"}'))
  assert.ok(!dependsOnSdkInPackageJson('{not json'))
  assert.ok(!dependsOnSdkInPackageJson('{"dependencies": null}'))
})

test('pyproject.toml and requirements files: the SDK as a requirement', () => {
  for (const text of ['dodopayments\n', 'dodopayments>=1.0\n', 'flask\ndodopayments[aiohttp]~=1.1\n',
    'dependencies = ["dodopayments==1.123.0"]', '[tool.poetry.dependencies]\ndodopayments = "^1"\n']) {
    assert.ok(dependsOnSdkInPythonManifest(text), text)
  }
  for (const text of ['dodopayments-extra==1\n', '# dodopaymentsx\n', 'name = "not-dodopayments-sdk"\n']) {
    assert.ok(!dependsOnSdkInPythonManifest(text), text)
  }
})

test('go.mod: the SDK module required, alone or in a block', () => {
  for (const text of ['module shop\n\nrequire github.com/dodopayments/dodopayments-go v1.113.0\n',
    'module shop\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n\tgithub.com/dodopayments/dodopayments-go v1.112.0 // indirect\n)\n']) {
    assert.ok(dependsOnSdkInGoMod(text), text)
  }
  for (const text of ['module github.com/dodopayments/dodopayments-go\n', 'require github.com/dodopayments/dodopayments-go-extra v1.0.0\n',
    '// github.com/dodopayments/dodopayments-go v1\n']) {
    assert.ok(!dependsOnSdkInGoMod(text), text)
  }
})

// The start-up scan reads a manifest only when it is a regular file of at most 1 MiB, and never
// blocks: a FIFO, a link to a device, a directory or an oversize file is skipped.
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const { readManifest, MANIFEST_MAX_BYTES } = require('../out/manifests.js')

const posix = process.platform !== 'win32'
const QUICKLY = { timeout: 5_000 }

function folder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-lint-manifests-'))
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

test('a regular manifest is read', QUICKLY, async () => {
  const { dir, cleanup } = folder()
  try {
    const text = '{"dependencies": {"dodopayments": "^2"}}'
    fs.writeFileSync(path.join(dir, 'package.json'), '\uFEFF' + text)
    assert.equal(await readManifest(path.join(dir, 'package.json')), text)
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'dodopayments\n'.padEnd(MANIFEST_MAX_BYTES, '#'))
    assert.ok(dependsOnSdkInPythonManifest(await readManifest(path.join(dir, 'requirements.txt'))))
    assert.equal(await readManifest(path.join(dir, 'missing.txt')), undefined)
  } finally {
    cleanup()
  }
})

test('a FIFO named package.json is skipped without blocking', { ...QUICKLY, skip: !posix && 'no FIFOs' }, async () => {
  const { dir, cleanup } = folder()
  try {
    const fifo = path.join(dir, 'package.json')
    execFileSync('mkfifo', [fifo])
    const started = Date.now()
    assert.equal(await readManifest(fifo), undefined)
    assert.ok(Date.now() - started < 1_000)
  } finally {
    cleanup()
  }
})

test('a package.json or requirements.txt linked to /dev/zero, /dev/urandom or /dev/null is skipped', { ...QUICKLY, skip: !posix && 'no /dev' }, async () => {
  const { dir, cleanup } = folder()
  try {
    for (const [name, device] of [['package.json', '/dev/zero'], ['requirements.txt', '/dev/urandom'], ['requirements-dev.txt', '/dev/null']]) {
      fs.symlinkSync(device, path.join(dir, name))
      const started = Date.now()
      assert.equal(await readManifest(path.join(dir, name)), undefined, name)
      assert.ok(Date.now() - started < 1_000, name)
    }
  } finally {
    cleanup()
  }
})

test('an oversize manifest or a directory is skipped', QUICKLY, async () => {
  const { dir, cleanup } = folder()
  try {
    const big = JSON.stringify({ dependencies: { dodopayments: '^2' }, padding: 'x'.repeat(MANIFEST_MAX_BYTES) })
    fs.writeFileSync(path.join(dir, 'package.json'), big)
    assert.equal(MANIFEST_MAX_BYTES, 1024 * 1024)
    assert.equal(await readManifest(path.join(dir, 'package.json')), undefined)
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'dodopayments\n'.padEnd(MANIFEST_MAX_BYTES + 1, '#'))
    assert.equal(await readManifest(path.join(dir, 'requirements.txt')), undefined)
    fs.mkdirSync(path.join(dir, 'sub', 'package.json'), { recursive: true })
    assert.equal(await readManifest(path.join(dir, 'sub', 'package.json')), undefined)
  } finally {
    cleanup()
  }
})

test('a link to a regular manifest is followed (within the cap)', { ...QUICKLY, skip: !posix && 'symlinks need privileges on Windows' }, async () => {
  const { dir, cleanup } = folder()
  try {
    fs.writeFileSync(path.join(dir, 'real.json'), '{"dependencies": {"dodopayments": "1"}}')
    fs.symlinkSync('real.json', path.join(dir, 'package.json'))
    assert.ok(dependsOnSdkInPackageJson(await readManifest(path.join(dir, 'package.json'))))
  } finally {
    cleanup()
  }
})
