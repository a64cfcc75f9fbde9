import type Mail from 'nodemailer/lib/mailer';
import { escalationTags } from '../triage/escalation-tags.js';
import { offhoursMarker } from './send-reply.js';

interface Person {
  readonly name: string;
  readonly address: string;
}

export interface EmergencyForwardSpec {
  /** The VA: the forward's From and Reply-To. Her address must reach the watched mailbox. */
  readonly assistant: Person;
  /** Who receives this step: a backup, or onCall.escalation.finally (no name). */
  readonly to: { readonly name: string | null; readonly address: string };
  readonly token: string;
  readonly clientId: string;
  readonly clientName: string;
  /** The client who raised the emergency; address '' when the message named none. */
  readonly sender: { readonly name: string | null; readonly address: string };
  /** The original subject, already one line. */
  readonly subject: string;
  /** The original's Message-ID (no angle brackets): the client's thread, for the mailto link. */
  readonly originalMessageId: string | null;
  /** 0: the first forward; 1 and up: escalation steps. */
  readonly step: number;
  /** Who had it before this step and did not answer, in order. */
  readonly askedBefore: readonly { readonly name: string | null; readonly address: string }[];
  /** How long until the next step when nobody replies; null when nothing follows. */
  readonly nextAfterSeconds: number | null;
  /** The original, attached whole; null when it is gone from the mailbox (a later step). */
  readonly source: Buffer | null;
}

/**
 * The forward of an emergency, at any step. Its headers make the recipient's plain "Reply"
 * an acknowledgement that offhours sees: From and Reply-To are the VA's own address (the
 * watched mailbox), the Message-ID (set by deliverOnce) is what the reply's In-Reply-To and
 * References name, and the subject carries `[Emergency #TOKEN]`, which "Re:" keeps. The
 * client is one click away in the text: their address, and a mailto link that writes to
 * them with the VA in Cc and the tag in the subject, so that answer acknowledges too. The
 * client is never a recipient or a Cc of the forward itself. Pure.
 */
export function composeEmergencyForward(spec: EmergencyForwardSpec): Omit<
  Mail.Options,
  'messageId' | 'date' | 'envelope' | 'raw' | 'text' | 'html'
> & {
  readonly text: string;
  readonly html: string;
} {
  const subjectTag = escalationTags.subject(spec.token);
  const clientLabel = describePerson(spec.sender) || 'A sender';
  const greeting = spec.to.name === null ? 'Hello,' : `Hi ${spec.to.name},`;
  const mailto = spec.sender.address === '' ? null : composeMailto(spec, subjectTag);
  const paragraphs: string[] = [
    `${clientLabel} (client: ${spec.clientName}) wrote in while I am away, and it looks urgent. ` +
      (spec.step === 0
        ? 'You are on call, so offhours passed it to you.'
        : `${listNames(spec.askedBefore)} had it first and did not answer, so offhours passes it to you.`) +
      (spec.source === null
        ? ' The original is no longer in my mailbox, so it is not attached.'
        : ' The original message is attached.'),
    'Please reply to this email to say you have it: your reply comes to me and stops the escalation.' +
      (spec.nextAfterSeconds === null
        ? ''
        : ` Without a reply it goes to the next person in ${describeSeconds(spec.nextAfterSeconds)}.`),
  ];
  const answer =
    mailto === null
      ? null
      : `To answer ${spec.sender.name ?? spec.sender.address} directly, write to ${spec.sender.address}` +
        ' (with me in Cc, that counts as your reply too):';
  const text = [
    greeting,
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(answer === null || mailto === null ? [] : [answer, mailto, '']),
    `Subject: ${spec.subject}`,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(greeting)}</p>`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(answer === null || mailto === null
      ? []
      : [
          `<p>${escapeHtml(answer)}<br><a href="${escapeHtml(mailto)}">Write to ${escapeHtml(describePerson(spec.sender))}</a></p>`,
        ]),
    `<p>Subject: ${escapeHtml(spec.subject)}</p>`,
  ].join('\n');
  return {
    from: { name: spec.assistant.name, address: spec.assistant.address },
    to: spec.to.name === null ? spec.to.address : { name: spec.to.name, address: spec.to.address },
    replyTo: { name: spec.assistant.name, address: spec.assistant.address },
    subject: `${subjectTag} ${spec.clientName}: ${spec.subject}`,
    text,
    html,
    ...(spec.source === null
      ? {}
      : {
          attachments: [
            {
              filename: 'original-message.eml',
              contentType: 'message/rfc822',
              content: spec.source,
            },
          ],
        }),
    headers: {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
      'X-Offhours': offhoursMarker(spec.step === 0 ? 'forward' : 'escalation', spec.clientId),
    },
  };
}

/** mailto: the client, the VA in Cc, "Re:" the original subject with the tag, in its thread. */
function composeMailto(spec: EmergencyForwardSpec, subjectTag: string): string {
  const query = [
    `cc=${encodeURIComponent(spec.assistant.address)}`,
    `subject=${encodeURIComponent(`Re: ${spec.subject} ${subjectTag}`)}`,
    ...(spec.originalMessageId === null
      ? []
      : [`in-reply-to=${encodeURIComponent(`<${spec.originalMessageId}>`)}`]),
  ];
  return `mailto:${encodeURIComponent(spec.sender.address).replace('%40', '@')}?${query.join('&')}`;
}

function describePerson(person: {
  readonly name: string | null;
  readonly address: string;
}): string {
  if (person.address === '') return person.name ?? '';
  return person.name === null || person.name === ''
    ? person.address
    : `${person.name} <${person.address}>`;
}

function listNames(people: EmergencyForwardSpec['askedBefore']): string {
  const names = people.map((person) => person.name ?? person.address);
  if (names.length <= 1) return names[0] ?? 'The backup on call';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** 900 → "15 minutes", 3600 → "1 hour", 5 → "5 seconds". */
function describeSeconds(seconds: number): string {
  const [count, unit] =
    seconds % 3600 === 0
      ? [seconds / 3600, 'hour']
      : seconds % 60 === 0
        ? [seconds / 60, 'minute']
        : [seconds, 'second'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
