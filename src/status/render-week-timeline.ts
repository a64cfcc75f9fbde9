import { escapeHtml } from './escape-html.js';
import type { WeekTimeline } from './plan-week-timeline.js';

/** Heights in CSS pixels; every horizontal position is a percentage of the week. */
const layout = {
  height: 64,
  labelY: 12,
  gridTop: 16,
  bandY: 22,
  bandHeight: 20,
  markY: 18,
  markHeight: 28,
  checkInY: 53,
} as const;

/**
 * A week timeline as inline SVG: a day grid with labels, working intervals as bars, days
 * off and absences hatched over them (patterns `oh-off` and `oh-away`, defined once on the
 * page), check-ins as dots under the bars, and a now-line. Horizontal positions are
 * percentages of real time across the week, so the SVG stretches to any width while text
 * keeps its size, and a 23- or 25-hour DST day is drawn narrower or wider. Every piece has a
 * <title> tooltip. Pure.
 */
export function renderWeekTimeline(timeline: WeekTimeline, caption: string): string {
  const fromMs = Date.parse(timeline.from);
  const spanMs = Date.parse(timeline.to) - fromMs;
  const x = (iso: string): number => placeOnAxis(Date.parse(iso), fromMs, spanMs);
  const width = (start: string, end: string): number => Math.max(0, x(end) - x(start));
  const parts: string[] = [];
  for (const day of timeline.days) {
    if (day.weekend)
      parts.push(
        `<rect class="tl-weekend" x="${pct(x(day.start))}" y="${layout.gridTop}" width="${pct(width(day.start, day.end))}" height="${layout.height - layout.gridTop}"/>`,
      );
    parts.push(
      `<line class="tl-grid" x1="${pct(x(day.start))}" x2="${pct(x(day.start))}" y1="${layout.gridTop}" y2="${layout.height}"/>`,
      `<text class="tl-day" x="${pct(x(day.start) + 0.6)}" y="${layout.labelY}">${escapeHtml(day.label)}</text>`,
    );
  }
  for (const span of timeline.working)
    parts.push(
      `<rect class="tl-work" x="${pct(x(span.start))}" y="${layout.bandY}" width="${pct(width(span.start, span.end))}" height="${layout.bandHeight}" rx="3"><title>${escapeHtml(span.label)}</title></rect>`,
    );
  for (const [kind, spans] of [
    ['off', timeline.daysOff],
    ['away', timeline.absences],
  ] as const)
    for (const span of spans)
      parts.push(
        `<rect class="tl-${kind}" x="${pct(x(span.start))}" y="${layout.markY}" width="${pct(width(span.start, span.end))}" height="${layout.markHeight}" fill="url(#oh-${kind})"><title>${escapeHtml(span.label)}</title></rect>`,
      );
  for (const checkIn of timeline.checkIns)
    parts.push(
      `<circle class="tl-checkin" cx="${pct(x(checkIn.at))}" cy="${layout.checkInY}" r="3.5"><title>${escapeHtml(checkIn.label)}</title></circle>`,
    );
  const now = x(timeline.now);
  if (now >= 0 && now <= 100)
    parts.push(
      `<line class="tl-now" x1="${pct(now)}" x2="${pct(now)}" y1="${layout.gridTop - 2}" y2="${layout.height}"><title>Now</title></line>`,
    );
  return `<svg class="timeline" width="100%" height="${layout.height}" role="img" aria-label="${escapeHtml(caption)}">${parts.join('')}</svg>`;
}

/** Where an instant falls on the week, in percent of its width (may be outside 0..100). */
export function placeOnAxis(ms: number, fromMs: number, spanMs: number): number {
  return ((ms - fromMs) / spanMs) * 100;
}

function pct(value: number): string {
  return `${Math.round(value * 1000) / 1000}%`;
}
