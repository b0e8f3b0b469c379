'use strict'
// Paths into the repository: the payloads every front end is tested on.
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..', '..', '..')
const docExamplesDir = path.join(root, 'tests', 'fixtures', 'doc-examples')
const docExamples = fs
  .readdirSync(docExamplesDir)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, text: fs.readFileSync(path.join(docExamplesDir, name), 'utf8') }))
const mission = JSON.parse(fs.readFileSync(path.join(root, 'bindings', 'mission-cases.json'), 'utf8'))

module.exports = {
  root,
  docExamples,
  missionConfig: path.join(root, mission.config),
  missionCases: mission.cases.map((c) => ({ ...c, path: path.join(root, c.file) })),
}
