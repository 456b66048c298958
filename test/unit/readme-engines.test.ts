/** The engine table (docs/engines.md) names every cross-engine scenario, and only those. */
import { readFileSync } from 'fs'
import { join } from 'path'
import { SCENARIOS } from '../support/scenario-titles'

const README = readFileSync(join(__dirname, '../../docs/engines.md'), 'utf8')
const table = README.slice(README.indexOf('| scenario | Chromium | Firefox | WebKit |'))
const lines = table.split('\n')
const rows = lines
  .slice(2, lines.findIndex((line) => !line.startsWith('|')))
  .map((line) => line.split('|').map((cell) => cell.trim()))

test('every scenario has a row, green on all three engines', () => {
  expect(rows).toHaveLength(Object.keys(SCENARIOS).length)
  for (const title of Object.values(SCENARIOS)) {
    const row = rows.find((cells) => cells[1].startsWith(title))
    expect(row).toBeDefined()
    expect(row!.slice(2, 5)).toEqual(['✅', '✅', '✅'])
  }
})
