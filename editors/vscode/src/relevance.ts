// Whether a workspace gives checkout-lint something to do: a checkout-lint.toml, or the Dodo
// Payments SDK among the dependencies of a package.json, pyproject.toml or requirements file.
// Elsewhere the extension stays idle (it is activated by any package.json).
import * as vscode from 'vscode'
import { dependsOnSdkInPackageJson, dependsOnSdkInPythonManifest } from './manifests'

const IGNORED = '{**/node_modules/**,**/.venv/**,**/venv/**,**/.git/**}'

export async function hasSomethingToDo(): Promise<boolean> {
  if ((await vscode.workspace.findFiles('**/checkout-lint.toml', IGNORED, 1)).length > 0) return true
  const manifests = [
    ['**/package.json', dependsOnSdkInPackageJson],
    ['**/{pyproject.toml,requirements*.txt}', dependsOnSdkInPythonManifest],
  ] as const
  for (const [pattern, dependsOnSdk] of manifests) {
    for (const file of await vscode.workspace.findFiles(pattern, IGNORED, 200)) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(file))
      if (dependsOnSdk(text)) return true
    }
  }
  return false
}
