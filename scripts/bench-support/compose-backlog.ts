/**
 * A mailbox's worth of mail that piled up while the daemon was down: mostly out-of-hours
 * client mail from a few hundred senders, some in-hours client mail, and newsletters
 * (some from a client's domain, which must not be answered, and some from strangers).
 */
import { composeMail } from '../../test/support/compose-mail.js';
import { inHoursDomain, outOfHoursDomain } from './bench-clients.js';

export type BacklogKind = 'out-of-hours client' | 'in-hours client' | 'newsletter';

export interface Backlog {
  readonly raws: string[];
  readonly counts: Record<BacklogKind, number>;
}

const body = [
  'Hello Dana,',
  '',
  'Following up on the schedule we discussed: could you move the Thursday review to the',
  'afternoon and send the updated agenda to the team? The figures from last week are in',
  'the shared folder; the second tab has the totals per region.',
  '',
  'Thanks, and no rush if you are already done for the day.',
].join('\r\n');

const newsletterBody = `${'This week: product news, events and offers. '.repeat(40)}\r\nUnsubscribe any time.`;

export function composeBacklog(total: number, senders: number): Backlog {
  const raws: string[] = [];
  const counts: Record<BacklogKind, number> = {
    'out-of-hours client': 0,
    'in-hours client': 0,
    newsletter: 0,
  };
  for (let index = 0; index < total; index += 1) {
    // Every 20th message is in hours, every 10th (otherwise) a newsletter.
    const kind: BacklogKind =
      index % 20 === 7
        ? 'in-hours client'
        : index % 10 === 3
          ? 'newsletter'
          : 'out-of-hours client';
    counts[kind] += 1;
    raws.push(composeKind(kind, index, senders));
  }
  return { raws, counts };
}

function composeKind(kind: BacklogKind, index: number, senders: number): string {
  switch (kind) {
    case 'out-of-hours client':
      return composeMail({
        from: `Sender ${index % senders} <sender-${index % senders}@${outOfHoursDomain}>`,
        subject: `Schedule change ${index}`,
        body,
      }).raw;
    case 'in-hours client':
      return composeMail({
        from: `Pat ${index} <pat-${index % 50}@${inHoursDomain}>`,
        subject: `Quick one ${index}`,
        body,
      }).raw;
    case 'newsletter': {
      const domain = index % 20 === 3 ? outOfHoursDomain : 'news.example';
      return composeMail({
        from: `Newsletter <news@${domain}>`,
        subject: `Weekly digest ${index}`,
        body: newsletterBody,
        headers: {
          'List-Unsubscribe': `<mailto:unsubscribe@${domain}>`,
          'List-Id': `Weekly <weekly.${domain}>`,
          Precedence: 'bulk',
        },
      }).raw;
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown backlog kind ${String(unknown)}`);
    }
  }
}
