import type { ActivityRecord } from './activity-record.js';
import { describeDigest, type DigestContext } from './describe-digest.js';
import { renderDigestHtml } from './render-digest-html.js';
import { renderDigestText } from './render-digest-text.js';
import { summarizeDigest } from './summarize-digest.js';

export interface ComposedDigest {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Messages and steps it reports, for the log line. */
  readonly counts: {
    readonly emergencies: number;
    readonly failures: number;
    readonly replies: number;
    readonly held: number;
    readonly robots: number;
    readonly announced: number;
  };
}

/**
 * The hand-back digest of one period from its records (oldest first): subject, text and
 * HTML. null when nothing in the period is worth telling (no reply, emergency, held mail,
 * robot, announcement or failure): an empty period sends nothing. Clients come in `clientOrder`. Pure.
 */
export function composeDigest(
  records: readonly ActivityRecord[],
  context: DigestContext & { readonly clientOrder: readonly string[] },
): ComposedDigest | null {
  const summaries = summarizeDigest(records, context.clientOrder);
  if (summaries.length === 0) return null;
  const document = describeDigest(summaries, context);
  const sum = (read: (summary: (typeof summaries)[number]) => number): number =>
    summaries.reduce((total, summary) => total + read(summary), 0);
  return {
    subject: document.subject,
    text: renderDigestText(document),
    html: renderDigestHtml(document),
    counts: {
      emergencies: sum((summary) => summary.emergencies.length),
      failures: sum((summary) => summary.failures.length),
      replies: sum((summary) => summary.replies.length),
      held: sum((summary) => summary.held.length),
      robots: sum((summary) => summary.robots),
      announced: sum((summary) => summary.announced),
    },
  };
}
