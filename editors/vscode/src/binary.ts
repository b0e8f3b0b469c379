// Which checkout-lint binary to run (the rules are in locate.ts, which needs no VS Code API):
// the `checkoutLint.path` setting, else the one shipped in a platform-specific .vsix, else
// `checkout-lint` in an absolute PATH entry. In an untrusted workspace the setting is read from
// the user's settings only, and nothing inside a workspace folder runs unless the workspace is
// trusted and the setting names it, so a cloned repository cannot name or plant a program to run.
import * as path from 'node:path'
import { execFile } from 'node:child_process'
import * as vscode from 'vscode'
import { type Binary, EXECUTABLE, type Resolution, resolveBinary, settingValue } from './locate'

export type { Binary, Resolution } from './locate'

export function findBinary(extensionPath: string): Resolution {
  const trusted = vscode.workspace.isTrusted
  return resolveBinary({
    setting: settingValue(vscode.workspace.getConfiguration('checkoutLint').inspect<string | null>('path'), trusted),
    trusted,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? [])
      .filter((folder) => folder.uri.scheme === 'file')
      .map((folder) => folder.uri.fsPath),
    bundled: path.join(extensionPath, 'bin', EXECUTABLE),
    envPath: process.env.PATH,
    home: process.env.HOME ?? process.env.USERPROFILE,
  })
}

/** `checkout-lint --version`: the version line, or why the binary does not run. */
export function probe(binary: Binary): Promise<{ version: string } | { error: string }> {
  return new Promise((resolve) => {
    execFile(binary.path, ['--version'], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) resolve({ error: (stderr || error.message).trim().split('\n')[0] })
      else resolve({ version: stdout.trim() })
    })
  })
}
