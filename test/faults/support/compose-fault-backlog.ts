/**
 * A backlog for the crash scenarios, with what offhours must do with each message:
 * repeat senders (several messages, one reply each), one-off senders (a reply each),
 * emergencies (forwarded to the backup and acknowledged, left in the inbox), auto-replies
 * (held, never answered) and in-hours mail (left in the inbox). Shuffled deterministically,
 * so kinds interleave as real mail does.
 */
import { randomBytes } from 'node:crypto';
import { composeMail } from '../../support/compose-mail.js';
import type { ExpectedMail } from './count-outcomes.js';
import { inHoursDomain, outOfHoursDomain } from './fault-clients.js';

export interface BacklogMix {
  readonly repeatSenders: number;
  readonly messagesPerRepeatSender: number;
  readonly oneOffSenders: number;
  readonly emergencies: number;
  readonly autoReplies: number;
  readonly inHours: number;
}

export interface FaultBacklog {
  readonly raws: string[];
  readonly expected: ExpectedMail[];
}

const body = [
  'Hello Dana,',
  '',
  'Could you move the Thursday review to the afternoon and send the updated agenda?',
  'The figures from last week are in the shared folder.',
  '',
  'Thanks',
].join('\r\n');

/** One message and what offhours must do with it. */
export function composeExpectedMail(
  from: string,
  subject: string,
  expected: Omit<ExpectedMail, 'messageId' | 'sender'>,
  headers: Record<string, string> = {},
): { raw: string; expected: ExpectedMail } {
  const mail = composeMail({ from, subject, body, headers });
  return { raw: mail.raw, expected: { messageId: mail.messageId, sender: from, ...expected } };
}

/** A sender address no other run of the suite uses. */
export function uniqueSender(name: string, domain = outOfHoursDomain): string {
  return `${name}-${randomBytes(4).toString('hex')}@${domain}`;
}

export function composeFaultBacklog(mix: BacklogMix): FaultBacklog {
  const run = randomBytes(3).toString('hex');
  const items: { raw: string; expected: ExpectedMail }[] = [];
  const add = (...args: Parameters<typeof composeExpectedMail>) => {
    items.push(composeExpectedMail(...args));
  };
  for (let sender = 0; sender < mix.repeatSenders; sender += 1) {
    for (let message = 0; message < mix.messagesPerRepeatSender; message += 1) {
      add(`repeat-${run}-${sender}@${outOfHoursDomain}`, `Schedule change ${message}`, {
        fate: 'held',
        reply: 'out-of-hours',
        forward: false,
      });
    }
  }
  for (let sender = 0; sender < mix.oneOffSenders; sender += 1) {
    add(`once-${run}-${sender}@${outOfHoursDomain}`, `Invoice ${sender}`, {
      fate: 'held',
      reply: 'out-of-hours',
      forward: false,
    });
  }
  for (let sender = 0; sender < mix.emergencies; sender += 1) {
    add(`alarm-${run}-${sender}@${outOfHoursDomain}`, `URGENT: site down ${sender}`, {
      fate: 'inbox',
      reply: 'emergency',
      forward: true,
    });
  }
  for (let sender = 0; sender < mix.autoReplies; sender += 1) {
    add(
      `away-${run}-${sender}@${outOfHoursDomain}`,
      `Automatic reply: Invoice ${sender}`,
      { fate: 'held', reply: null, forward: false },
      { 'Auto-Submitted': 'auto-replied' },
    );
  }
  for (let sender = 0; sender < mix.inHours; sender += 1) {
    add(`pat-${run}-${sender}@${inHoursDomain}`, `Quick one ${sender}`, {
      fate: 'inbox',
      reply: null,
      forward: false,
    });
  }
  shuffle(items);
  return { raws: items.map((item) => item.raw), expected: items.map((item) => item.expected) };
}

/** Fisher-Yates with a fixed linear congruential sequence: the same order every run. */
function shuffle<T>(items: T[]): void {
  let seed = 20_261_125;
  for (let index = items.length - 1; index > 0; index -= 1) {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    const other = seed % (index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
}
