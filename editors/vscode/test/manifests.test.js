'use strict'
// The workspace check's manifest readers (compiled to out/ by `npm run compile`).
const test = require('node:test')
const assert = require('node:assert/strict')
const { dependsOnSdkInPackageJson, dependsOnSdkInPythonManifest } = require('../out/manifests.js')

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
