// Which checkout-lint binary to run: the `checkoutLint.path` setting, else the one shipped in a
// platform-specific .vsix, else `checkout-lint` on PATH. In an untrusted workspace the setting
// is read from the user's settings only, so a cloned repository cannot name a program to run.
import * as fs from 'node:fs'
import * as path from 'node:path'
import { execFile } from 'node:child_process'
import * as vscode from 'vscode'

export interface Binary {
  path: string
  /** Where it came from, for the output channel. */
  source: 'setting' | 'bundled' | 'PATH'
}

const EXECUTABLE = process.platform === 'win32' ? 'checkout-lint.exe' : 'checkout-lint'

export function findBinary(extensionPath: string): Binary | undefined {
  const configured = configuredPath()
  if (configured) return { path: configured, source: 'setting' }
  const bundled = path.join(extensionPath, 'bin', EXECUTABLE)
  if (isExecutable(bundled)) return { path: bundled, source: 'bundled' }
  const onPath = searchPath(EXECUTABLE)
  return onPath ? { path: onPath, source: 'PATH' } : undefined
}

function configuredPath(): string | undefined {
  const setting = vscode.workspace.getConfiguration('checkoutLint').inspect<string | null>('path')
  const value = vscode.workspace.isTrusted
    ? (setting?.workspaceFolderValue ?? setting?.workspaceValue ?? setting?.globalValue)
    : setting?.globalValue
  return typeof value === 'string' && value.trim() !== '' ? expandHome(value.trim()) : undefined
}

function expandHome(value: string): string {
  return value.startsWith('~/') ? path.join(process.env.HOME ?? '', value.slice(2)) : value
}

function searchPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, name)
    if (isExecutable(candidate)) return candidate
  }
  return undefined
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
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
