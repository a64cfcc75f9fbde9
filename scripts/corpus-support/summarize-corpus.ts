import { corpusCategories, type CorpusCategory } from './corpus-manifest.js';
import type { CorpusVerdict } from './judge-corpus.js';

/**
 * The share of each category that must be handled right (issue 8): every bounce, auto-reply,
 * list, receipt, report, calendar and helpdesk notice left unanswered, and every person
 * answered; bulk, spam and transactional mail have no header that always says so, so 90%.
 */
export const corpusThresholds: Readonly<Record<CorpusCategory, number>> = {
  bounce: 1,
  'auto-reply': 1,
  list: 1,
  receipt: 1,
  report: 1,
  calendar: 1,
  helpdesk: 1,
  bulk: 0.9,
  spam: 0.9,
  transactional: 0.9,
  person: 1,
};

export interface CorpusRow {
  readonly category: CorpusCategory;
  readonly total: number;
  readonly replied: number;
  readonly notReplied: number;
  readonly correct: number;
  /** correct / total, 1 for an empty category. */
  readonly share: number;
  readonly threshold: number;
  readonly passes: boolean;
}

/** One row per category, in corpusCategories order, categories without messages left out. */
export function summarizeCorpus(verdicts: readonly CorpusVerdict[]): CorpusRow[] {
  return corpusCategories.flatMap((category) => {
    const mine = verdicts.filter((verdict) => verdict.entry.category === category);
    if (mine.length === 0) return [];
    const replied = mine.filter((verdict) => verdict.replied).length;
    const correct = mine.filter((verdict) => verdict.correct).length;
    const share = correct / mine.length;
    const threshold = corpusThresholds[category];
    return [
      {
        category,
        total: mine.length,
        replied,
        notReplied: mine.length - replied,
        correct,
        share,
        threshold,
        passes: share >= threshold,
      },
    ];
  });
}

/** The table as plain text, with a total line. */
export function formatCorpusTable(rows: readonly CorpusRow[]): string {
  const header = ['category', 'total', 'replied', 'not replied', '% correct', 'needs', 'ok'];
  const lines = rows.map((row) => [
    row.category,
    String(row.total),
    String(row.replied),
    String(row.notReplied),
    formatPercent(row.share),
    `${row.category === 'person' ? 'replied' : 'not'} >= ${formatPercent(row.threshold)}`,
    row.passes ? 'yes' : 'NO',
  ]);
  const total = rows.reduce((sum, row) => sum + row.total, 0);
  const correct = rows.reduce((sum, row) => sum + row.correct, 0);
  const replied = rows.reduce((sum, row) => sum + row.replied, 0);
  lines.push([
    'all',
    String(total),
    String(replied),
    String(total - replied),
    formatPercent(total === 0 ? 1 : correct / total),
    '',
    rows.every((row) => row.passes) ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
  );
  const format = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [format(header), ...lines.map(format)].join('\n');
}

/** One line per wrongly handled message: category, file, what happened and why. */
export function formatCorpusFailures(verdicts: readonly CorpusVerdict[]): string {
  return verdicts
    .filter((verdict) => !verdict.correct)
    .map(
      (verdict) =>
        `${verdict.entry.category.padEnd(13)} ${verdict.entry.file}\n` +
        `    ${verdict.replied ? 'REPLIED' : 'NOT REPLIED'}  from=${verdict.from || '-'}  subject=${JSON.stringify(verdict.subject.slice(0, 80))}\n` +
        `    reasons: ${verdict.reasons.join(' ')}`,
    )
    .join('\n');
}

function formatPercent(share: number): string {
  return `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
}
