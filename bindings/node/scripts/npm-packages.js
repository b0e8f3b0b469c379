'use strict'
// Lays out the npm packages a release publishes (the napi-rs layout), ready for `npm pack` or
// `npm publish`:
//
//   node scripts/npm-packages.js platform <rust-target> <addon.node> <checkout-lint binary> <out>
//     writes <out>/checkout-lint-<platform>/: the addon (which native.js loads) and the binary
//     (which bin/checkout-lint.js runs), with `os`, `cpu` and `libc` so npm installs it only there.
//   node scripts/npm-packages.js main <out>
//     writes <out>/checkout-lint/: this package as users get it, every platform package as an
//     optional dependency at this version, without the dev-only fields and without a local addon.
//
// The version is package.json's, which scripts/versions.py keeps equal to Cargo.toml's.
const fs = require('node:fs')
const path = require('node:path')
const { TARGETS, packageName, executableName } = require('../lib/platform.js')

const here = path.resolve(__dirname, '..')
const manifest = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'))
const binaryName = manifest.napi.binaryName

function usage() {
  console.error('usage: npm-packages.js platform <rust-target> <addon.node> <binary> <out> | main <out>')
  process.exit(2)
}

function platformPackage(target, addon, binary, out) {
  const t = TARGETS[target]
  if (!t) throw new Error(`unknown target ${target}; known: ${Object.keys(TARGETS).join(', ')}`)
  const dir = path.join(out, packageName(t.platform))
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  const addonName = `${binaryName}.${t.platform}.node`
  const exe = executableName(t.os)
  fs.copyFileSync(addon, path.join(dir, addonName))
  fs.copyFileSync(binary, path.join(dir, exe))
  fs.chmodSync(path.join(dir, exe), 0o755)
  const pkg = {
    name: packageName(t.platform),
    version: manifest.version,
    description: `checkout-lint's native addon and command for ${t.platform} (installed by the checkout-lint package)`,
    license: manifest.license,
    // npm's provenance checks that it names the repository the workflow runs in.
    repository: manifest.repository,
    os: [t.os],
    cpu: [t.cpu],
    ...(t.libc ? { libc: [t.libc] } : {}),
    main: addonName,
    files: [addonName, exe],
    engines: manifest.engines,
  }
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  return dir
}

function mainPackage(out) {
  const dir = path.join(out, manifest.name)
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  if (!fs.existsSync(path.join(here, 'native.js'))) {
    throw new Error('native.js is missing: `npm run build` (napi build) generates it')
  }
  const files = manifest.files.filter((entry) => !entry.endsWith('.node'))
  for (const entry of files) {
    fs.cpSync(path.join(here, entry), path.join(dir, entry), { recursive: true })
  }
  const { devDependencies, scripts, ...published } = manifest
  published.files = files
  published.optionalDependencies = Object.fromEntries(
    Object.values(TARGETS).map((t) => [packageName(t.platform), manifest.version]),
  )
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(published, null, 2) + '\n')
  return dir
}

const [command, ...args] = process.argv.slice(2)
if (command === 'platform' && args.length === 4) {
  console.log(platformPackage(...args))
} else if (command === 'main' && args.length === 1) {
  console.log(mainPackage(args[0]))
} else {
  usage()
}
