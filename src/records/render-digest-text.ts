import type { DigestDocument } from './describe-digest.js';

/** The plain-text part of the digest: two lines per item, `!` marking what needs the VA. Pure. */
export function renderDigestText(document: DigestDocument): string {
  const lines = [document.title, document.period, document.totals];
  for (const client of document.clients) {
    lines.push('', `== ${client.name} ==`);
    for (const section of client.sections) {
      lines.push('', `${section.heading} (${section.items.length})`);
      for (const item of section.items) {
        const subject = item.subject === null ? '' : `  "${item.subject}"`;
        lines.push(`  ${item.alert ? '!' : '-'} ${item.when}  ${item.who}${subject}`);
        lines.push(`    ${item.detail}`);
      }
    }
    if (client.notes.length > 0) lines.push('', ...client.notes);
  }
  lines.push('', '-- ', 'Sent by offhours; `offhours log` shows every message and step.');
  return `${lines.join('\n')}\n`;
}
