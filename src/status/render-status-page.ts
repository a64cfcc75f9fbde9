import { escapeHtml } from './escape-html.js';
import { renderWeekTimeline } from './render-week-timeline.js';
import { statusPageScript } from './status-page-script.js';
import { statusPageStyle } from './status-page-style.js';
import type {
  AttentionItem,
  ClientView,
  HealthItem,
  HeldView,
  RecordView,
  StatusView,
  TodayCounts,
} from './status-view.js';

export interface RenderOptions {
  /** The CSP nonce of this response, for the page's one <style> and one <script>. */
  readonly nonce: string;
}

const patterns =
  '<pattern id="oh-off" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#eceff3"/><rect width="2.5" height="6" fill="#b9c2cc"/></pattern>' +
  '<pattern id="oh-away" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#fde3dc"/><rect width="2.5" height="6" fill="#e0785f"/></pattern>';

/**
 * The status page as one HTML document: no external assets, a viewport for phones, every
 * text that may come from a message or a config escaped, the week timelines as inline SVG.
 * Its <main id="status"> is what the page's script swaps in when it refreshes. Pure.
 */
export function renderStatusPage(view: StatusView, options: RenderOptions): string {
  const nonce = escapeHtml(options.nonce);
  const needs = view.attention.length;
  const pill =
    needs === 0
      ? '<span class="pill ok">All good</span>'
      : `<span class="pill bad">${needs === 1 ? '1 thing needs you' : `${needs} things need you`}</span>`;
  const title = `${needs === 0 ? '' : `(${needs}) `}offhours · ${view.assistant.name}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${statusPageStyle}</style>
</head>
<body>
<svg class="defs" width="0" height="0" aria-hidden="true"><defs>${patterns}</defs></svg>
<div id="offline" class="offline" role="status" hidden></div>
<main id="status" data-at="${escapeHtml(view.at)}">
<header class="top"><div class="brand">offhours <span>for ${escapeHtml(view.assistant.name)}</span></div><div class="now">${escapeHtml(view.nowText)}</div>${pill}</header>
${renderAttention(view.attention)}
<div class="columns">
<div>
${renderClients(view.clients)}
${renderHeld(view.held)}
</div>
<div>
${renderHealth(view.health)}
${renderOnCall(view)}
${renderToday(view.today)}
</div>
</div>
${renderRecords(view.records)}
<p class="stamp">As of ${escapeHtml(view.nowText)}; refreshes by itself every 30 seconds.</p>
</main>
<footer>offhours status page · the same as JSON: <a href="status.json">status.json</a></footer>
<script nonce="${nonce}">${statusPageScript}</script>
</body>
</html>
`;
}

function renderAttention(items: readonly AttentionItem[]): string {
  if (items.length === 0) return '';
  const rows = items
    .map(
      (item) =>
        `<li class="needs-${item.kind}"><strong>${escapeHtml(item.title)}</strong><div class="detail">${escapeHtml(item.detail)}</div>${
          item.fix === null ? '' : `<div class="fix">${escapeHtml(item.fix)}</div>`
        }</li>`,
    )
    .join('');
  return `<section class="card attention" id="attention"><h2>Needs you<span class="count">${items.length}</span></h2><ul>${rows}</ul></section>`;
}

function renderHealth(items: readonly HealthItem[]): string {
  const rows = items
    .map(
      (item) =>
        `<li class="health-${item.part}"><span class="name">${escapeHtml(item.name)}</span><span><span class="pill ${item.state}">${escapeHtml(item.label)}</span></span><span class="detail">${escapeHtml(item.detail)}</span></li>`,
    )
    .join('');
  return `<section class="card" id="health"><h2>Health</h2><ul class="health">${rows}</ul></section>`;
}

function renderOnCall(view: StatusView): string {
  const { now, next } = view.onCall;
  const current =
    now === null
      ? '<p class="who">Nobody</p><p class="muted small">No backups are configured.</p>'
      : `<p class="who">${escapeHtml(now.name)}</p><p class="muted small">${escapeHtml(now.address)}</p>`;
  const handover =
    next === null
      ? '<p class="muted small">No handover in the next 60 days.</p>'
      : `<p class="small">Next: <b>${escapeHtml(next.name)}</b> takes over ${escapeHtml(next.atText)}.</p>`;
  return `<section class="card oncall" id="on-call"><h2>On call now</h2>${current}${handover}</section>`;
}

const countLabels: readonly [keyof TodayCounts, string][] = [
  ['received', 'received'],
  ['replied', 'replied'],
  ['held', 'held'],
  ['forwarded', 'emergencies'],
  ['robots', 'robots'],
  ['suppressed', 'not replied'],
  ['released', 'back in inbox'],
  ['failed', 'failed'],
];

function renderToday(today: TodayCounts): string {
  const cells = countLabels
    .map(
      ([key, label]) => `<div class="count-${key}"><b>${today[key]}</b><span>${label}</span></div>`,
    )
    .join('');
  return `<section class="card" id="today"><h2>Today</h2><div class="counts">${cells}</div></section>`;
}

function renderClients(clients: readonly ClientView[]): string {
  const legend =
    '<div class="legend">' +
    '<span><svg width="16" height="10"><rect width="16" height="10" rx="2" class="tl-work"/></svg>working</span>' +
    '<span><svg width="10" height="10"><circle cx="5" cy="5" r="3.5" class="tl-checkin"/></svg>check-in</span>' +
    '<span><svg width="16" height="10"><rect width="16" height="10" fill="url(#oh-off)"/></svg>day off</span>' +
    '<span><svg width="16" height="10"><rect width="16" height="10" fill="url(#oh-away)"/></svg>away</span>' +
    '<span><svg width="6" height="12"><line x1="3" x2="3" y1="0" y2="12" class="tl-now"/></svg>now</span>' +
    '</div>';
  const rows = clients.map(renderClient).join('');
  return `<section class="card" id="clients"><h2>Clients<span class="count">${clients.length}</span></h2>${legend}${
    rows === '' ? '<p class="empty">No clients configured.</p>' : rows
  }</section>`;
}

function renderClient(client: ClientView): string {
  const state = client.available ? 'ok' : 'warn';
  const when =
    client.untilText === null
      ? client.available
        ? ''
        : ' · not back within two years'
      : ` · ${client.available ? 'until' : 'back'} ${escapeHtml(client.untilText)}${
          client.untilTextVa === null
            ? ''
            : ` <span class="va">(${escapeHtml(client.untilTextVa)})</span>`
        }`;
  const held = client.held === 0 ? '' : `<span class="badge">${client.held} held</span>`;
  return `<div class="client" id="client-${escapeHtml(client.id)}"><div class="client-head"><span class="client-name">${escapeHtml(client.name)}</span><span class="client-zone">${escapeHtml(client.timeZone)}</span>${held}</div><div class="client-state"><span class="pill ${state}">${escapeHtml(client.stateText)}</span>${when}</div>${renderWeekTimeline(client.timeline, `The week of ${client.name}`)}</div>`;
}

function renderHeld(held: StatusView['held']): string {
  const rows = held.shown.map(renderHeldRow).join('');
  const more =
    held.total > held.shown.length
      ? `<p class="muted small">and ${held.total - held.shown.length} more; \`offhours status\` lists them all.</p>`
      : '';
  return `<section class="card" id="held"><h2>Held<span class="count">${held.total}</span></h2>${
    rows === '' ? '<p class="empty">Nothing is held.</p>' : `<ul class="list">${rows}</ul>`
  }${more}</section>`;
}

function renderHeldRow(entry: HeldView): string {
  return `<li><div class="line1"><span class="subject">${escapeHtml(entry.subject || '(no subject)')}</span><span class="tag">${escapeHtml(entry.clientName)}</span></div><div class="from">${escapeHtml(entry.from || '(unknown sender)')} · held ${escapeHtml(entry.heldAtText)}</div><div class="back">Back ${escapeHtml(entry.resumeText)}${
    entry.resumeTextVa === null
      ? ''
      : ` <span class="muted">(${escapeHtml(entry.resumeTextVa)})</span>`
  }</div></li>`;
}

function renderRecords(records: readonly RecordView[]): string {
  const rows = records.map(renderRecord).join('');
  return `<section class="card" id="records"><h2>Latest activity</h2>${
    rows === '' ? '<p class="empty">Nothing recorded yet.</p>' : `<ul class="list">${rows}</ul>`
  }</section>`;
}

function renderRecord(record: RecordView): string {
  const tags = [
    record.clientName === null ? '' : `<span class="tag">${escapeHtml(record.clientName)}</span>`,
    record.emergency ? '<span class="tag urgent">emergency</span>' : '',
    record.automated ? '<span class="tag robot">robot</span>' : '',
  ].join('');
  const why = record.reasons
    .map(
      (reason) =>
        `<span title="${escapeHtml(`${reason.code}: ${reason.meaning}`)}">${escapeHtml(reason.words)}</span>`,
    )
    .join(' · ');
  return `<li class="record"><time datetime="${escapeHtml(record.at)}">${escapeHtml(record.atText)}</time><div class="what"><span class="outcome o-${escapeHtml(record.outcome)}">${escapeHtml(record.outcomeText)}</span>${tags}</div><div class="msg"><div class="subject">${escapeHtml(record.subject ?? '(subject not kept)')}</div><div class="from">${escapeHtml(record.from ?? '(unknown sender)')}</div></div><div class="why">${why}</div></li>`;
}
