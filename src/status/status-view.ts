import type { RecordOutcomeType } from '../records/activity-record.js';
import type { AvailabilityReason } from '../schedule/check-availability.js';
import type { WeekTimeline } from './plan-week-timeline.js';

/**
 * What the status page shows, worked out from a StatusSnapshot at one instant: every
 * sentence already in words, instants as ISO strings beside them. GET /status.json answers
 * this object; GET /status renders it as HTML.
 */
export interface StatusView {
  readonly at: string;
  readonly assistant: { readonly name: string; readonly timeZone: string };
  /** "Wednesday 25 November, 20:00 London" */
  readonly nowText: string;
  /** What needs the VA, most urgent first; empty when nothing does. */
  readonly attention: readonly AttentionItem[];
  readonly health: readonly HealthItem[];
  readonly today: TodayCounts;
  readonly onCall: OnCallView;
  readonly clients: readonly ClientView[];
  readonly held: { readonly total: number; readonly shown: readonly HeldView[] };
  readonly records: readonly RecordView[];
}

export type AttentionKind =
  | 'config-rejected'
  | 'login-dead'
  | 'smtp-refused'
  | 'job-failed'
  | 'redis-down'
  | 'calendar-failing';

export interface AttentionItem {
  readonly kind: AttentionKind;
  readonly at: string | null;
  readonly title: string;
  readonly detail: string;
  /** What to do about it, or null when the title says it. */
  readonly fix: string | null;
}

export type HealthPartName = 'watcher' | 'redis' | 'smtp' | 'auth';
export type HealthState = 'ok' | 'warn' | 'bad' | 'off';

export interface HealthItem {
  readonly part: HealthPartName;
  readonly state: HealthState;
  /** "Mailbox watcher" */
  readonly name: string;
  /** "Watching" */
  readonly label: string;
  readonly detail: string;
}

/** Counted over the VA's day so far (local midnight in assistant.timezone to now). */
export interface TodayCounts {
  /** Messages decided. */
  readonly received: number;
  readonly replied: number;
  readonly suppressed: number;
  readonly forwarded: number;
  readonly held: number;
  /** Automated mail held without an answer. */
  readonly robots: number;
  readonly released: number;
  readonly failed: number;
}

export interface PersonView {
  readonly name: string;
  readonly address: string;
}

export interface OnCallView {
  readonly now: PersonView | null;
  readonly next: (PersonView & { readonly at: string; readonly atText: string }) | null;
}

export interface ClientView {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly available: boolean;
  readonly reason: AvailabilityReason;
  /** "Available now", "Out of hours", "Day off", "Not a working day", "Away" */
  readonly stateText: string;
  /** Available: until when; away: when the VA next looks at this client's mail. Null: never. */
  readonly until: string | null;
  /** On the client's clock: "today at 17:00 New York time". */
  readonly untilText: string | null;
  /** On the VA's clock, or null when it reads the same: "22:00 your time". */
  readonly untilTextVa: string | null;
  readonly held: number;
  readonly timeline: WeekTimeline;
}

export interface HeldView {
  readonly messageKey: string;
  readonly clientId: string;
  readonly clientName: string;
  readonly from: string;
  readonly subject: string;
  readonly heldAt: string;
  readonly heldAtText: string;
  readonly resumeAt: string;
  /** On the client's clock. */
  readonly resumeText: string;
  /** On the VA's clock, or null when it reads the same. */
  readonly resumeTextVa: string | null;
}

export interface ReasonView {
  readonly code: string;
  /** A few words: "out of hours". */
  readonly words: string;
  /** The code's full meaning, from src/triage/reason-codes.ts. */
  readonly meaning: string;
}

export interface RecordView {
  readonly id: string;
  readonly at: string;
  readonly atText: string;
  readonly client: string | null;
  readonly clientName: string | null;
  readonly from: string | null;
  readonly subject: string | null;
  readonly decision: string;
  readonly outcome: RecordOutcomeType;
  readonly outcomeText: string;
  readonly reasons: readonly ReasonView[];
  readonly emergency: boolean;
  readonly automated: boolean;
}
