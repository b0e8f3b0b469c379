// The language client: `checkout-lint lsp` over stdio for the documents it serves, restarted
// on a crash at most a few times, and one clear notification when it cannot run.
import * as path from 'node:path'
import * as vscode from 'vscode'
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node'
import { findBinary, probe } from './binary'

/**
 * The documents the server is given; its own include/exclude decide which it lints. `vue`,
 * `svelte` and `astro` are the ids their language extensions give components: the server lints
 * their `<script>` blocks (and Astro's frontmatter).
 */
export const LANGUAGES = [
  'json',
  'jsonc',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'python',
  'go',
  'vue',
  'svelte',
  'astro',
]

const CRASHES_BEFORE_GIVING_UP = 3
const CRASH_WINDOW_MS = 3 * 60_000

export class Server {
  private client: LanguageClient | undefined
  private crashes: number[] = []

  constructor(
    private readonly extensionPath: string,
    readonly output: vscode.OutputChannel,
  ) {}

  get running(): boolean {
    return this.client?.isRunning() ?? false
  }

  async start(): Promise<void> {
    const { binary, skipped } = findBinary(this.extensionPath)
    for (const skip of skipped) this.output.appendLine(`passed over ${skip.path} (${skip.source}): ${skip.reason}`)
    if (!binary) {
      const passedOver = skipped.some((skip) => skip.reason.startsWith('inside the workspace'))
        ? ' One inside this workspace was passed over (see "checkout-lint: Show the server\'s output"): name it in "checkoutLint.path" and trust the workspace to run it.'
        : ''
      await notify(
        `checkout-lint: no checkout-lint binary was found. Install it (cargo install checkout-lint, or pip install checkout-lint) so that it is on PATH, or set "checkoutLint.path".${passedOver}`,
      )
      return
    }
    const probed = await probe(binary)
    if ('error' in probed) {
      this.output.appendLine(`${binary.path} (${binary.source}) does not run: ${probed.error}`)
      await notify(`checkout-lint: ${binary.path} does not run (${probed.error}). Set "checkoutLint.path" to a working binary.`)
      return
    }
    this.output.appendLine(`starting ${binary.path} lsp (${probed.version}, from ${binary.source})`)
    const serverOptions: ServerOptions = { command: binary.path, args: ['lsp'], transport: TransportKind.stdio }
    const clientOptions: LanguageClientOptions = {
      documentSelector: LANGUAGES.map((language) => ({ scheme: 'file', language })),
      outputChannel: this.output,
      initializationOptions: { configPath: configPath() },
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => this.closed(),
      },
    }
    this.client = new LanguageClient('checkoutLint', 'checkout-lint', serverOptions, clientOptions)
    try {
      await this.client.start()
    } catch (error) {
      this.client = undefined
      await notify(`checkout-lint: the language server did not start (${String(error)}).`)
    }
  }

  async stop(): Promise<void> {
    const client = this.client
    this.client = undefined
    if (client?.isRunning()) await client.stop()
  }

  async restart(): Promise<void> {
    this.crashes = []
    await this.stop()
    await this.start()
  }

  // A crash restarts the server; a few in a row stop it, with one message, not a loop.
  private closed() {
    const now = Date.now()
    this.crashes = [...this.crashes.filter((at) => now - at < CRASH_WINDOW_MS), now]
    if (this.crashes.length < CRASHES_BEFORE_GIVING_UP) return { action: CloseAction.Restart }
    void notify(
      `checkout-lint: the language server stopped ${this.crashes.length} times in a few minutes; it is off until "checkout-lint: Restart the server".`,
    )
    return { action: CloseAction.DoNotRestart }
  }
}

function configPath(): string | undefined {
  const value = vscode.workspace.getConfiguration('checkoutLint').get<string | null>('configPath')
  if (typeof value !== 'string' || value.trim() === '') return undefined
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath
  return folder ? path.resolve(folder, value.trim()) : value.trim()
}

async function notify(message: string): Promise<void> {
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings')
  if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'checkoutLint')
}
