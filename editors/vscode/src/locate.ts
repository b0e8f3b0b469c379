// Which checkout-lint binary to run, decided without the VS Code API (test/binary.test.js runs it
// under plain Node; binary.ts feeds it the settings, the trust state and the workspace folders).
//
// In order: the `checkoutLint.path` setting, else the binary inside a platform-specific .vsix,
// else `checkout-lint` in an absolute PATH entry. Two rules guard against a repository planting
// a program for the editor to run:
// - PATH entries that are not absolute ("", ".", "node_modules/.bin", …) are never searched:
//   they name different folders depending on the extension host's current directory.
// - A candidate that lies inside a workspace folder — by its path as given or by its real path,
//   so a symlink cannot smuggle one in — runs only when the workspace is trusted and the setting
//   names it by its path. A binary inside the workspace found on PATH (or by a bare command name
//   in the setting) never runs.
// The bundled binary is exempt from the second rule: the extension's folder is where VS Code
// installed the extension, not something a workspace chose (it is inside a workspace only when
// that workspace is, say, the home folder).
import * as fs from 'node:fs'
import * as path from 'node:path'

export type Source = 'setting' | 'bundled' | 'PATH'

export interface Binary {
  /** Absolute; the real path when the file exists, so what was checked is what runs. */
  path: string
  /** Where it came from, for the output channel. */
  source: Source
}

/** A candidate passed over, and why (for the output channel). */
export interface Skipped {
  path: string
  source: Source
  reason: string
}

export interface Resolution {
  binary?: Binary
  skipped: Skipped[]
}

export interface Situation {
  /** `checkoutLint.path` as it may be used here (see settingValue). */
  setting?: string
  /** vscode.workspace.isTrusted */
  trusted: boolean
  /** The workspace folders on disk (file: URIs' fsPath). */
  workspaceFolders: readonly string[]
  /** Where a platform-specific .vsix keeps its binary: <extensionPath>/bin/checkout-lint. */
  bundled?: string
  /** The PATH to search (process.env.PATH). */
  envPath?: string
  /** For `~/` in the setting (process.env.HOME / USERPROFILE). */
  home?: string
}

export const EXECUTABLE = process.platform === 'win32' ? 'checkout-lint.exe' : 'checkout-lint'

/** What `inspect('path')` reports (only the fields read here). */
export interface Inspected {
  globalValue?: unknown
  workspaceValue?: unknown
  workspaceFolderValue?: unknown
}

/**
 * The `checkoutLint.path` value to use: in a trusted workspace the most specific one; in an
 * untrusted workspace only the user's own (globalValue: user and remote-machine settings), never
 * one from the workspace's or a folder's settings — the setting is in the manifest's
 * `restrictedConfigurations`, and this does not rely on `get()` honouring that.
 */
export function settingValue(inspected: Inspected | undefined, trusted: boolean): string | undefined {
  const value = trusted
    ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue)
    : inspected?.globalValue
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The PATH entries that may be searched: absolute ones only. On Windows that means a drive letter
 * and a separator (`C:\…`) or a UNC path; `\dir` and `C:dir` depend on the current drive or
 * directory, and surrounding double quotes are dropped as Windows does.
 */
export function absolutePathEntries(envPath: string | undefined, platform: NodeJS.Platform = process.platform): string[] {
  if (!envPath) return []
  if (platform === 'win32') {
    return envPath
      .split(';')
      .map((entry) => entry.trim().replace(/^"(.*)"$/, '$1'))
      .filter((entry) => /^[A-Za-z]:[\\/]/.test(entry) || /^[\\/]{2}[^\\/]/.test(entry))
  }
  return envPath.split(':').filter((entry) => entry.startsWith('/'))
}

export function resolveBinary(situation: Situation): Resolution {
  const skipped: Skipped[] = []
  const folders = workspaceRoots(situation.workspaceFolders)

  if (situation.setting !== undefined) {
    const found = fromSetting(situation, folders, skipped)
    if (found) return { binary: found, skipped }
  }

  if (situation.bundled && isExecutableFile(situation.bundled)) {
    return { binary: { path: situation.bundled, source: 'bundled' }, skipped }
  }

  for (const entry of relativeEntries(situation.envPath)) {
    skipped.push({ path: entry, source: 'PATH', reason: 'a relative PATH entry: never searched' })
  }
  const onPath = searchPath(EXECUTABLE, situation.envPath, 'PATH', folders, skipped)
  return { binary: onPath, skipped }
}

function fromSetting(situation: Situation, folders: Root[], skipped: Skipped[]): Binary | undefined {
  const value = expandHome(situation.setting!, situation.home)
  if (!path.isAbsolute(value)) {
    if (!/[\\/]/.test(value)) {
      // A bare name: looked up as PATH would be, in absolute entries only (spawning it as it is
      // would let the system search the relative ones). It names a command, not a file, so it
      // does not admit a binary inside the workspace either.
      const found = searchPath(value, situation.envPath, 'setting', folders, skipped)
      if (!found) skipped.push({ path: value, source: 'setting', reason: 'not found in an absolute PATH entry' })
      return found
    }
    // A relative path: against the first workspace folder, as checkoutLint.configPath is.
    const first = situation.workspaceFolders[0]
    if (first === undefined) {
      skipped.push({ path: value, source: 'setting', reason: 'a relative path, and there is no workspace folder' })
      return undefined
    }
    return admitSetting(path.resolve(first, value), situation.trusted, folders, skipped)
  }
  return admitSetting(path.resolve(value), situation.trusted, folders, skipped)
}

// The setting's file need not exist or be executable: then it is still the answer, and the
// version probe tells the user it does not run (instead of quietly running another binary).
function admitSetting(file: string, trusted: boolean, folders: Root[], skipped: Skipped[]): Binary | undefined {
  const real = realPath(file)
  if (real === undefined && exists(file)) {
    skipped.push({ path: file, source: 'setting', reason: 'a link that does not resolve' })
    return undefined
  }
  const folder = insideOf(folders, file, real)
  if (folder !== undefined && !trusted) {
    skipped.push({
      path: file,
      source: 'setting',
      reason: `inside the workspace folder ${folder}, and the workspace is not trusted`,
    })
    return undefined
  }
  // A missing file keeps the name the user gave, for the message that it does not run.
  return { path: real !== undefined && exists(file) ? real : file, source: 'setting' }
}

function searchPath(
  name: string,
  envPath: string | undefined,
  source: Source,
  folders: Root[],
  skipped: Skipped[],
): Binary | undefined {
  for (const dir of absolutePathEntries(envPath)) {
    const candidate = path.join(dir, name)
    const real = realPath(candidate)
    if (real === undefined) continue
    const folder = insideOf(folders, candidate, real)
    if (folder !== undefined) {
      if (isExecutableFile(real) && !skipped.some((skip) => skip.path === candidate)) {
        skipped.push({
          path: candidate,
          source,
          reason: `inside the workspace folder ${folder} (only a path in checkoutLint.path, in a trusted workspace, may name a binary there)`,
        })
      }
      continue
    }
    if (isExecutableFile(real)) return { path: real, source }
  }
  return undefined
}

function relativeEntries(envPath: string | undefined): string[] {
  if (!envPath) return []
  const entries = envPath.split(path.delimiter).filter((entry) => entry.trim() !== '' && absolutePathEntries(entry).length === 0)
  return [...new Set(entries)]
}

interface Root {
  /** As given, resolved. */
  given: string
  /** Its real path, when it exists. */
  real?: string
}

function workspaceRoots(folders: readonly string[]): Root[] {
  return folders.filter((folder) => path.isAbsolute(folder)).map((folder) => ({ given: path.resolve(folder), real: realPath(folder) }))
}

/** The workspace folder that holds `file` (by its given or its real path), if any. */
function insideOf(folders: Root[], file: string, real: string | undefined): string | undefined {
  for (const folder of folders) {
    for (const root of [folder.given, folder.real]) {
      if (root === undefined) continue
      if (contains(root, file) || (real !== undefined && contains(root, real))) return folder.given
    }
  }
  return undefined
}

// Case-insensitive where file systems usually are: refusing a little more is the safe mistake.
const FOLD_CASE = process.platform === 'win32' || process.platform === 'darwin'

function contains(root: string, file: string): boolean {
  const a = FOLD_CASE ? root.toLowerCase() : root
  const b = FOLD_CASE ? path.resolve(file).toLowerCase() : path.resolve(file)
  const relative = path.relative(a, b)
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
}

/**
 * The real path of `file`; for a file that does not exist, the real path of its folder joined
 * with its name (so a missing binary under a linked folder is still placed correctly).
 */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync(file)
  } catch {
    if (exists(file)) return undefined // a dangling or looping link: no real path
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file))
    } catch {
      return undefined
    }
  }
}

function exists(file: string): boolean {
  try {
    fs.lstatSync(file)
    return true
  } catch {
    return false
  }
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

function expandHome(value: string, home: string | undefined): string {
  return home && (value.startsWith('~/') || value.startsWith('~\\')) ? path.join(home, value.slice(2)) : value
}
