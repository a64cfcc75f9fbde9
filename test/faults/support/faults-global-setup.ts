/**
 * Global setup of the fault suite: a report file for the scenarios' figures, printed as
 * one table when the run ends (whatever passed or failed), then removed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatTable } from '../../../scripts/bench-support/format-table.js';
import './faults-context.js';
import { figureColumns, toFigureRow, type ScenarioFigures } from './format-figures.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'oh-faults-report-'));
  const path = join(dir, 'figures.jsonl');
  project.provide('faultsReportPath', path);
  return async () => {
    const lines = existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n') : [];
    const figures = lines
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as ScenarioFigures);
    figures.sort((a, b) => a.scenario.localeCompare(b.scenario));
    console.log(`\nFault suite figures (${figures.length} scenarios):`);
    console.log(formatTable(figureColumns, figures.map(toFigureRow)));
    await rm(dir, { recursive: true, force: true });
  };
}
