'use strict'
// A person's session in a real VS Code: code-server serves the workbench, Debian's Chromium
// shows it (puppeteer-core drives it), the checkout-lint .vsix is installed in it. The steps:
// open a workspace with bad payloads (JSON, TypeScript, Python); the Problems panel lists the
// rules and the status bar counts what the CLI counts; hovering a key shows its documentation;
// the light bulb's quick fix changes the file on disk exactly as `checkout-lint --fix` does.
// A screenshot of each step goes to OUT.
//
// Environment: CODE_SERVER (entry.js), VSIX, CHECKOUT_LINT_BIN (for the CLI's side), OUT.
const { spawn, execFileSync } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const os = require('node:os')
const path = require('node:path')
const puppeteer = require('puppeteer-core')

const env = (name) => process.env[name] ?? fail(`${name} is not set`)
const CODE_SERVER = env('CODE_SERVER')
const VSIX = env('VSIX')
const BIN = env('CHECKOUT_LINT_BIN')
const OUT = env('OUT')
const STEP_TIMEOUT = 60_000

function fail(message) {
  throw new Error(message)
}

const BAD_JSON = `{
  "product_cart": [
    { "product_id": "pdt_ebook", "quantity": 0 }
  ],
  "billing_currency": "usd",
  "allowed_payment_method_types": ["upi_collect"]
}
`
const BAD_TS = `import DodoPayments from 'dodopayments'

const client = new DodoPayments()
export const session = client.checkoutSessions.create({
  product_cart: [{ product_id: 'pdt_ebook', quantity: 1 }],
  billing_currency: 'GBP',
  billing_adress: { country: 'US' },
})
`
const BAD_PY = `from dodopayments import DodoPayments

client = DodoPayments()
session = client.checkout_sessions.create(
    product_cart=[{"product_id": "pdt_ebook", "quantity": -1}],
)
`
const CATALOGUE = [
  { product_id: 'pdt_ebook', name: 'E-book', is_recurring: false, price: { type: 'one_time_price', price: 500, currency: 'USD' } },
]

/** The workspace a developer would have: a config, a catalogue, bad payloads in three languages. */
function makeWorkspace(root) {
  fs.mkdirSync(path.join(root, 'payloads'), { recursive: true })
  fs.mkdirSync(path.join(root, 'src'), { recursive: true })
  fs.writeFileSync(
    path.join(root, 'checkout-lint.toml'),
    'catalogue = "products.json"\ninclude = ["payloads/*.json", "src/*.ts", "src/*.py"]\n\n[account]\nadaptive_pricing = false\n',
  )
  fs.writeFileSync(path.join(root, 'products.json'), JSON.stringify(CATALOGUE, null, 2))
  fs.writeFileSync(path.join(root, 'payloads', 'bad.json'), BAD_JSON)
  fs.writeFileSync(path.join(root, 'src', 'checkout.ts'), BAD_TS)
  fs.writeFileSync(path.join(root, 'src', 'checkout.py'), BAD_PY)
}

/** What the CLI reports for the same files: { rules, errors, warnings }. */
function cliCounts(root) {
  const files = ['payloads/bad.json', 'src/checkout.ts', 'src/checkout.py']
  let stdout
  try {
    stdout = execFileSync(BIN, ['--format', 'json', ...files], { cwd: root, encoding: 'utf8' })
  } catch (error) {
    stdout = error.stdout // exit 1: findings
  }
  const report = JSON.parse(stdout).files
  const diagnostics = report.flatMap((file) => file.diagnostics)
  const inJson = report.find((file) => file.path.endsWith('bad.json')).diagnostics
  return {
    rules: [...new Set(diagnostics.map((d) => d.rule))].sort(),
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    // In bad.json, where the quick fix is applied.
    safeFixes: inJson.filter((d) => d.fix?.applicability === 'safe').map((d) => d.rule),
  }
}

/** bad.json as `checkout-lint --fix` leaves it (in a copy of the workspace). */
function fixedByCli(root) {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-lint-fix-'))
  fs.cpSync(root, copy, { recursive: true })
  try {
    execFileSync(BIN, ['--fix', 'payloads/bad.json'], { cwd: copy, stdio: 'ignore' })
  } catch {
    // exit 1: the findings without a fix remain
  }
  const fixed = fs.readFileSync(path.join(copy, 'payloads', 'bad.json'), 'utf8')
  fs.rmSync(copy, { recursive: true, force: true })
  return fixed
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

async function waitForHttp(url, deadline) {
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url)
      if (response.ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  fail(`${url} did not answer`)
}

// Settings a person would have clicked away: trust prompts, welcome pages, tips, updates.
const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'typescript.validate.enable': false,
  'javascript.validate.enable': false,
  'editor.hover.delay': 100,
  'editor.lightbulb.enabled': 'on',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'chat.disableAIFeatures': true,
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'checkout-lint-vscode-'))
  const processes = []
  let browser
  try {
    const workspace = path.join(work, 'workspace')
    makeWorkspace(workspace)
    const expected = cliCounts(workspace)
    if (expected.safeFixes.length !== 1) fail(`bad.json needs exactly one safe fix, not ${expected.safeFixes}`)
    const expectedFixed = fixedByCli(workspace)
    log(`CLI: ${expected.errors} errors, ${expected.warnings} warnings: ${expected.rules.join(', ')}`)

    const userData = path.join(work, 'user-data')
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true })
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2))
    const extensions = path.join(work, 'extensions')
    const config = path.join(work, 'code-server.yaml')
    fs.writeFileSync(config, 'auth: none\ncert: false\n')
    const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions]
    execFileSync(process.execPath, [CODE_SERVER, ...common, '--install-extension', VSIX], { stdio: 'inherit', timeout: STEP_TIMEOUT })

    const port = await freePort()
    const codeServer = spawn(
      process.execPath,
      [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
        '--disable-workspace-trust', '--disable-getting-started-override', workspace],
      { stdio: ['ignore', fs.openSync(path.join(OUT, 'code-server.log'), 'w'), fs.openSync(path.join(OUT, 'code-server.err.log'), 'w')], detached: true },
    )
    processes.push(codeServer)
    const base = `http://127.0.0.1:${port}`
    await waitForHttp(`${base}/healthz`, Date.now() + STEP_TIMEOUT)

    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--window-size=1600,1000'],
      defaultViewport: { width: 1600, height: 1000 },
      userDataDir: path.join(work, 'chromium'),
    })
    const page = await browser.newPage()
    page.setDefaultTimeout(STEP_TIMEOUT)
    const shot = async (name) => {
      await page.screenshot({ path: path.join(OUT, `${name}.png`) })
      log(`screenshot ${name}.png`)
    }
    await page.goto(`${base}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' })
    await page.waitForSelector('.monaco-workbench .part.editor', { visible: true })
    await page.waitForSelector('#status\\.problems', { visible: true })
    await shot('01-workbench')

    // Open each bad file (the server publishes diagnostics for open documents).
    for (const file of ['src/checkout.py', 'src/checkout.ts', 'payloads/bad.json']) await openFile(page, file)
    await shot('02-files-open')

    // The Problems panel lists every rule the CLI reports.
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)')
    await page.waitForSelector('.markers-panel .monaco-list-row', { visible: true })
    // The list is virtual: only rows on screen exist. A maximised panel shows them all.
    await runCommand(page, 'View: Toggle Maximized Panel')
    const listed = await waitFor(page, async () => {
      const text = await page.$eval('.markers-panel', (panel) => panel.textContent)
      return expected.rules.every((rule) => text.includes(rule)) ? text : undefined
    }, 'the Problems panel to list every rule')
    log(`Problems panel: ${expected.rules.filter((rule) => listed.includes(rule)).join(', ')}`)
    await shot('03-problems')

    await runCommand(page, 'View: Toggle Maximized Panel')

    // The status bar's error count is the CLI's. (Its warnings also count VS Code's own JSON
    // Schema validation, which the extension contributes for payload files.)
    const counts = await waitFor(page, async () => {
      const label = await page.$eval('#status\\.problems', (item) => item.getAttribute('aria-label') ?? item.textContent)
      // "Errors: 5, Warnings: 4", "5 errors, 4 warnings", or the bare "5 4" of the item's text.
      const found = label.match(/errors?:?\s*(\d+)/i) ?? label.match(/(\d+)\s*errors?/i) ?? label.match(/(\d+)/)
      const errors = Number(found?.[1])
      return errors === expected.errors ? label : undefined
    }, `the status bar to count ${expected.errors} errors`)
    log(`status bar: ${counts} (CLI: ${expected.errors} errors)`)

    // Hovering a key in the TypeScript call shows the field's documentation from the server.
    await openFile(page, 'src/checkout.ts')
    await hoverText(page, 'billing_currency')
    const hover = await waitFor(page, async () => {
      const text = await page.$$eval('.monaco-hover', (hovers) => hovers.map((h) => h.textContent).join('\n'))
      return text.includes('The currency to charge the customer in') ? text : undefined
    }, 'the hover to show billing_currency\'s documentation')
    log(`hover: ${hover.slice(0, 120).replace(/\s+/g, ' ')}…`)
    await shot('04-hover')
    await page.keyboard.press('Escape')

    // The light bulb on "usd" offers the server's fix; applying and saving it changes the file
    // exactly as `checkout-lint --fix` does.
    await openFile(page, 'payloads/bad.json')
    await clickText(page, '"usd"')
    await page.waitForSelector('.lightBulbWidget', { visible: true })
    await shot('05-light-bulb')
    await page.click('.lightBulbWidget')
    const fixTitle = 'replace with "USD"'
    const item = await waitFor(page, async () => {
      const rows = await page.$$('.action-widget .monaco-list-row')
      for (const row of rows) {
        const text = await row.evaluate((element) => element.textContent)
        if (text.includes(fixTitle)) return row
      }
      return undefined
    }, `the light bulb's menu to offer "${fixTitle}"`)
    await shot('06-quick-fix-menu')
    await item.click()
    await page.keyboard.down('Control')
    await page.keyboard.press('s')
    await page.keyboard.up('Control')
    const bad = path.join(workspace, 'payloads', 'bad.json')
    await waitFor(page, async () => (fs.readFileSync(bad, 'utf8') === expectedFixed ? true : undefined),
      'the file on disk to equal checkout-lint --fix\'s output')
    await shot('07-fixed')
    log('quick fix: the file on disk equals checkout-lint --fix')

    // A binary that does not run, named in the (trusted) workspace's settings: one notification
    // that says so and how to get out, not a crash loop.
    const broken = path.join(work, 'no-such-checkout-lint')
    fs.mkdirSync(path.join(workspace, '.vscode'))
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'checkoutLint.path': broken }))
    const toasts = () => page.$$eval('.notification-toast', (all) => all.map((toast) => toast.textContent))
    await waitFor(page, async () => ((await toasts()).some((text) => text.includes(`${broken} does not run`)) ? true : undefined),
      'a notification that the configured binary does not run')
    await new Promise((resolve) => setTimeout(resolve, 3000))
    const ours = (await toasts()).filter((text) => text.includes('checkout-lint:'))
    if (ours.length !== 1) fail(`expected one checkout-lint notification, got ${ours.length}: ${ours.join(' | ')}`)
    if (!ours[0].includes('Open Settings')) fail(`the notification offers no way out: ${ours[0]}`)
    await shot('08-broken-binary')
    log('a broken binary: one notification')
  } finally {
    // VS Code's own logs (the extension host's, the language client's output) are artifacts too.
    fs.cpSync(path.join(work, 'user-data', 'logs'), path.join(OUT, 'vscode-logs'), { recursive: true, force: true, errorOnExist: false })
    await browser?.close().catch(() => {})
    for (const child of processes) {
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        // already gone
      }
    }
    fs.rmSync(work, { recursive: true, force: true })
  }
}

async function runCommand(page, title) {
  await page.keyboard.press('F1')
  await page.waitForSelector('.quick-input-widget input', { visible: true })
  await page.keyboard.type(title)
  // Enter runs the first row: wait until that is exactly this command (not one whose name
  // merely contains it).
  await waitFor(page, async () => {
    const label = await page
      .$eval('.quick-input-list .monaco-list-row .label-name', (name) => name.textContent.trim())
      .catch(() => '')
    return label === title ? true : undefined
  }, `the command palette to offer "${title}" first`)
  await page.keyboard.press('Enter')
}

async function openFile(page, relative) {
  await runCommand(page, 'Go to File...')
  // The palette now takes a file name.
  await page.keyboard.type(relative)
  await waitFor(page, async () => {
    const label = await page.$eval('.quick-input-list .monaco-list-row', (row) => row.textContent).catch(() => '')
    return label.includes(path.basename(relative)) ? true : undefined
  }, `quick open to find ${relative}`)
  await page.keyboard.press('Enter')
  await waitFor(page, async () => {
    const title = await page.$eval('.tab.active', (tab) => tab.textContent).catch(() => '')
    return title.includes(path.basename(relative)) ? true : undefined
  }, `${relative} to open`)
}

/** The centre of the first occurrence of `text` in the active editor's visible lines. */
async function textPoint(page, text) {
  return waitFor(page, () => page.evaluate((wanted) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor .view-lines')
    if (!editor) return undefined
    for (const span of editor.querySelectorAll('span > span')) {
      const index = span.textContent.indexOf(wanted)
      if (index < 0) continue
      const range = document.createRange()
      range.setStart(span.firstChild, index)
      range.setEnd(span.firstChild, index + wanted.length)
      const box = range.getBoundingClientRect()
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 }
    }
    return undefined
  }, text), `"${text}" to show in the editor`)
}

async function hoverText(page, text) {
  const { x, y } = await textPoint(page, text)
  await page.mouse.move(x - 40, y + 200)
  await page.mouse.move(x, y, { steps: 5 })
}

async function clickText(page, text) {
  const { x, y } = await textPoint(page, text)
  await page.mouse.click(x, y)
}

/** Polls `probe` until it returns something other than undefined. */
async function waitFor(page, probe, what) {
  const deadline = Date.now() + STEP_TIMEOUT
  while (Date.now() < deadline) {
    const value = await probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  await page.screenshot({ path: path.join(OUT, 'failure.png') }).catch(() => {})
  fail(`timed out waiting for ${what} (see failure.png)`)
}

function log(message) {
  console.log(`vscode e2e: ${message}`)
}

main().then(
  () => log('passed'),
  (error) => {
    console.error(`vscode e2e: FAILED: ${error.stack ?? error}`)
    process.exit(1)
  },
)
