// checkout-lint for VS Code: starts the `checkout-lint lsp` language server in workspaces that
// have something for it (see relevance.ts), and offers its commands.
import * as vscode from 'vscode'
import { hasSomethingToDo } from './relevance'
import { Server } from './server'

/** The code action kind the server offers for "fix all safe problems". */
const FIX_ALL = vscode.CodeActionKind.SourceFixAll.append('checkout-lint')

let server: Server | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('checkout-lint')
  server = new Server(context.extensionPath, output)
  const current = server
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('checkoutLint.restart', () => current.restart()),
    vscode.commands.registerCommand('checkoutLint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('checkoutLint.fixAll', () => fixAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('checkoutLint')) void startOrStop(current)
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void current.restart()),
  )
  // A checkout-lint.toml created later wakes an idle extension.
  const watcher = vscode.workspace.createFileSystemWatcher('**/checkout-lint.toml')
  context.subscriptions.push(watcher, watcher.onDidCreate(() => void startOrStop(current)))
  await startOrStop(current)
}

export async function deactivate(): Promise<void> {
  await server?.stop()
}

async function startOrStop(current: Server): Promise<void> {
  const enabled = vscode.workspace.getConfiguration('checkoutLint').get<boolean>('enable', true)
  if (!enabled) {
    await current.stop()
    return
  }
  if (!(await hasSomethingToDo())) {
    current.output.appendLine('no checkout-lint.toml and no dodopayments dependency here: idle')
    return
  }
  await current.restart()
}

// Applies the server's "fix all" action to the active document.
async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor
  if (!editor) return
  const document = editor.document
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length))
  // The server lists "fix all" without its edit and computes it on codeAction/resolve: ask
  // VS Code to resolve the actions it returns (the last argument: how many).
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    whole,
    FIX_ALL.value,
    10,
  )
  const action = actions?.find((candidate) => candidate.kind && FIX_ALL.contains(candidate.kind) && candidate.edit)
  if (action?.edit) await vscode.workspace.applyEdit(action.edit)
  else void vscode.window.showInformationMessage('checkout-lint: nothing to fix in this file')
}
