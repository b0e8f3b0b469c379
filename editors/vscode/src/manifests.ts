// Reading a manifest safely, and whether its text names the Dodo Payments SDK as a dependency.
// No VS Code API here, so that test/manifests.test.js can run it under plain Node.
import * as fs from 'node:fs'

/** The largest manifest the start-up scan reads; a bigger one is skipped. */
export const MANIFEST_MAX_BYTES = 1024 * 1024

/**
 * The text of the manifest at `file` (UTF-8, a BOM dropped), or undefined when it is not a
 * regular file of at most `maxBytes`, or cannot be read. It never blocks and never reads from
 * anything but a regular file: the file (after links) is checked before it is opened, opened
 * non-blocking (a FIFO swapped in meanwhile does not wait for a writer; a terminal does not become
 * the controlling one), checked again on the open descriptor (same file, still regular, still
 * small), and read for at most `maxBytes + 1` bytes (files in /proc report size 0). A link is
 * followed to a regular file only: never to a device (/dev/zero, a terminal), FIFO or socket.
 */
export async function readManifest(file: string, maxBytes = MANIFEST_MAX_BYTES): Promise<string | undefined> {
  let handle: fs.promises.FileHandle | undefined
  try {
    const before = await fs.promises.stat(file)
    if (!before.isFile() || before.size > maxBytes) return undefined
    const { O_RDONLY, O_NONBLOCK, O_NOCTTY } = fs.constants
    handle = await fs.promises.open(file, O_RDONLY | (O_NONBLOCK ?? 0) | (O_NOCTTY ?? 0))
    const opened = await handle.stat()
    if (!opened.isFile() || opened.size > maxBytes || opened.dev !== before.dev || opened.ino !== before.ino) return undefined
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, Math.max(opened.size + 1, 64 * 1024)))
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return undefined
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2))
        buffer.copy(grown, 0, 0, length)
        buffer = grown
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return length > maxBytes ? undefined : new TextDecoder().decode(buffer.subarray(0, length))
  } catch {
    return undefined
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

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

// `require github.com/dodopayments/dodopayments-go v1.113.0`, alone or in a `require (…)` block
// (a `// indirect` one too: the module is built); a module path that merely starts with it does
// not count.
const GO_REQUIREMENT = /^\s*(require\s+)?github\.com\/dodopayments\/dodopayments-go(\/v\d+)?\s+v\d/m

export function dependsOnSdkInGoMod(text: string): boolean {
  return GO_REQUIREMENT.test(text)
}
