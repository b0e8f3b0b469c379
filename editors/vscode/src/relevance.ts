// Whether a workspace gives checkout-lint something to do: a checkout-lint.toml, or the Dodo
// Payments SDK among the dependencies of a package.json, pyproject.toml, requirements file or go.mod.
// Elsewhere the extension stays idle (it is activated by any package.json). A manifest is read
// only when it is a regular file of at most MANIFEST_MAX_BYTES (see readManifest); a FIFO, a link
// to a device, a directory or a bigger file is skipped without a word.
import * as vscode from 'vscode'
import { dependsOnSdkInGoMod, dependsOnSdkInPackageJson, dependsOnSdkInPythonManifest, MANIFEST_MAX_BYTES, readManifest } from './manifests'

const IGNORED = '{**/node_modules/**,**/.venv/**,**/venv/**,**/vendor/**,**/.git/**}'

export async function hasSomethingToDo(): Promise<boolean> {
  if ((await vscode.workspace.findFiles('**/checkout-lint.toml', IGNORED, 1)).length > 0) return true
  const manifests = [
    ['**/package.json', dependsOnSdkInPackageJson],
    ['**/{pyproject.toml,requirements*.txt}', dependsOnSdkInPythonManifest],
    ['**/go.mod', dependsOnSdkInGoMod],
  ] as const
  for (const [pattern, dependsOnSdk] of manifests) {
    for (const file of await vscode.workspace.findFiles(pattern, IGNORED, 200)) {
      const text = await readText(file)
      if (text !== undefined && dependsOnSdk(text)) return true
    }
  }
  return false
}

async function readText(file: vscode.Uri): Promise<string | undefined> {
  if (file.scheme === 'file') return readManifest(file.fsPath)
  // Another file system (a virtual workspace): its own stat says what the file is; links are
  // not followed.
  try {
    const stat = await vscode.workspace.fs.stat(file)
    if (stat.type !== vscode.FileType.File || stat.size > MANIFEST_MAX_BYTES) return undefined
    const bytes = await vscode.workspace.fs.readFile(file)
    return bytes.byteLength > MANIFEST_MAX_BYTES ? undefined : new TextDecoder().decode(bytes)
  } catch {
    return undefined
  }
}
