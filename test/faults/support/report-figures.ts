/**
 * Each scenario's figures as one table line: printed as the scenario ends, and appended
 * to the run's report file so the global teardown prints the whole table at the end.
 */
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';
import './faults-context.js';
import { toFigureRow, type ScenarioFigures } from './format-figures.js';

export function reportFigures(figures: ScenarioFigures): void {
  console.log(`fault figures | ${toFigureRow(figures).join(' | ')} |`);
  appendFileSync(inject('faultsReportPath'), `${JSON.stringify(figures)}\n`);
}
