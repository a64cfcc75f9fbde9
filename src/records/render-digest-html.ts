import type { DigestDocument } from './describe-digest.js';
import { escapeHtml } from './escape-html.js';

const style = {
  body: 'margin:0;padding:16px;background:#f6f8fa;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;font-size:15px;line-height:1.45',
  card: 'max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px',
  muted: 'color:#57606a;margin:2px 0',
  client: 'font-size:17px;margin:20px 0 4px;padding-top:12px;border-top:1px solid #d8dee4',
  heading: 'font-size:15px;margin:12px 0 4px',
  list: 'margin:0;padding-left:20px',
  item: 'margin:4px 0',
  alert: 'margin:4px 0;color:#cf222e',
  detail: 'color:#57606a',
};

/**
 * The HTML part of the digest: one card, readable on a phone, inline styles only (mail
 * programs drop style sheets). Every piece of text is escaped, message text above all:
 * a subject holding `<script>` shows as text. Pure.
 */
export function renderDigestHtml(document: DigestDocument): string {
  const parts: string[] = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(document.subject)}</title></head>`,
    `<body style="${style.body}"><div style="${style.card}">`,
    `<h1 style="font-size:20px;margin:0 0 4px">${escapeHtml(document.title)}</h1>`,
    `<p style="${style.muted}">${escapeHtml(document.period)}</p>`,
    `<p style="margin:8px 0 0"><strong>${escapeHtml(document.totals)}</strong></p>`,
  ];
  for (const client of document.clients) {
    parts.push(`<h2 style="${style.client}">${escapeHtml(client.name)}</h2>`);
    for (const section of client.sections) {
      parts.push(
        `<h3 style="${style.heading}">${escapeHtml(section.heading)} (${section.items.length})</h3>`,
        `<ul style="${style.list}">`,
      );
      for (const item of section.items) {
        const subject =
          item.subject === null ? '' : ` <strong>${escapeHtml(item.subject)}</strong>`;
        parts.push(
          `<li style="${item.alert ? style.alert : style.item}">${escapeHtml(item.when)} · ${escapeHtml(item.who)}${subject}<br><span style="${style.detail}">${escapeHtml(item.detail)}</span></li>`,
        );
      }
      parts.push('</ul>');
    }
    for (const note of client.notes)
      parts.push(`<p style="${style.muted}">${escapeHtml(note)}</p>`);
  }
  parts.push(
    `<p style="${style.muted};margin-top:20px;font-size:13px">Sent by offhours; <code>offhours log</code> shows every message and step.</p>`,
    '</div></body></html>',
  );
  return `${parts.join('\n')}\n`;
}
