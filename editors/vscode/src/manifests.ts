// Whether a manifest's text names the Dodo Payments SDK as a dependency. No VS Code API here,
// so that test/manifests.test.js can run it under plain Node.

const SDK = 'dodopayments'

export function dependsOnSdkInPackageJson(text: string): boolean {
  try {
    const manifest = JSON.parse(text)
    const groups = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']
    return groups.some((group) => typeof manifest?.[group] === 'object' && manifest[group] !== null && SDK in manifest[group])
  } catch {
    return false
  }
}

// `dodopayments`, `dodopayments>=1.0`, `"dodopayments[aiohttp]~=1.1"`, `dodopayments = "^1"`; a
// name that merely starts with it (`dodopayments-extra`) does not count.
const PYTHON_REQUIREMENT = /(^|["'\s])dodopayments\s*(\[|[<>=!~;]|["'\s]|$)/m

export function dependsOnSdkInPythonManifest(text: string): boolean {
  return PYTHON_REQUIREMENT.test(text)
}
