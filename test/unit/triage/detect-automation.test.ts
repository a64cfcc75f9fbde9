import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../../src/mail/parse-message.js';
import { detectAutomation } from '../../../src/triage/detect-automation.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import { readMailFixture } from '../mail/read-mail-fixture.js';
import { makeFacts } from './make-facts.js';

describe('detectAutomation on fixtures', () => {
  it.each<[string, ReasonCode[]]>([
    ['null-return-path.eml', ['AUTO_NULL_RETURN_PATH']],
    ['near-miss-return-path-set.eml', []],
    ['auto-submitted-auto-generated.eml', ['AUTO_SUBMITTED']],
    ['near-miss-auto-submitted-no.eml', []],
    ['list-id-discussion.eml', ['AUTO_LIST_HEADER']],
    ['near-miss-list-in-subject.eml', []],
    ['precedence-bulk.eml', ['AUTO_PRECEDENCE']],
    ['near-miss-precedence-first-class.eml', []],
    ['auto-response-suppress-all.eml', ['AUTO_RESPONSE_SUPPRESSED']],
    ['near-miss-auto-response-suppress-dr-rn-nrn.eml', []],
    ['noreply-sender.eml', ['AUTO_SYSTEM_SENDER']],
    ['near-miss-sender-nora-reply.eml', []],
    ['read-receipt-mdn.eml', ['AUTO_REPORT', 'AUTO_RECEIPT_SUBJECT']],
    ['near-miss-forwarded-bounce.eml', []],
    ['x-autoreply-header.eml', ['AUTO_MARKER_HEADER']],
    ['near-miss-x-mailer-outlook.eml', []],
    ['subject-abwesenheitsnotiz.eml', ['AUTO_REPLY_SUBJECT']],
    ['near-miss-subject-reply-settings.eml', []],
    ['near-miss-subject-auto-prefix.eml', []],
    [
      'from-another-offhours.eml',
      ['AUTO_SUBMITTED', 'AUTO_PRECEDENCE', 'AUTO_RESPONSE_SUPPRESSED', 'AUTO_OFFHOURS_MARKER'],
    ],
    ['near-miss-offhours-mentioned.eml', []],
    [
      'dsn-bounce-multipart-report.eml',
      [
        'AUTO_NULL_RETURN_PATH',
        'AUTO_SUBMITTED',
        'AUTO_SYSTEM_SENDER',
        'AUTO_REPORT',
        'AUTO_NDR_SUBJECT',
      ],
    ],
    [
      'newsletter.eml',
      [
        'AUTO_LIST_HEADER',
        'AUTO_PRECEDENCE',
        'AUTO_SYSTEM_SENDER',
        'AUTO_BULK_SENDER_HEADER',
        'AUTO_ROLE_SENDER',
      ],
    ],
    ['ooo-auto-submitted-auto-replied.eml', ['AUTO_SUBMITTED', 'AUTO_REPLY_SUBJECT']],
    ['exchange-oof.eml', ['AUTO_SUBMITTED', 'AUTO_RESPONSE_SUPPRESSED', 'AUTO_REPLY_SUBJECT']],
    [
      'spam-tool-signs.eml',
      [
        'AUTO_BULK_SCORE',
        'SPAM_BAD_TRANSFER_ENCODING',
        'SPAM_FORGED_MAILER',
        'SPAM_RECIPIENT_IN_LINK',
        'SPAM_FORGED_RECEIVED',
        'BULK_SPAM_PHRASES',
        'SPAM_SUBJECT_MONEY',
        'SPAM_GENERATED_SENDER',
      ],
    ],
    ['human-out-of-hours-request.eml', []],
    ['urgent-request.eml', []],
    ['reply-quoting-urgent.eml', []],
    ['html-only-message.eml', []],
    ['pdf-attachment.eml', []],
    ['mbox-from-line.eml', []],
  ])('%s -> %j', async (fixture, expected) => {
    const { facts } = await parseMessage(readMailFixture(fixture));
    expect(detectAutomation(facts)).toEqual(expected);
  });
});

describe('detectAutomation on literal facts', () => {
  it.each<[string, Parameters<typeof makeFacts>[0], ReasonCode[]]>([
    ['a plain human message', {}, []],
    ['no Return-Path header at all', { returnPath: null }, []],
    ['Return-Path <>', { returnPath: '' }, ['AUTO_NULL_RETURN_PATH']],
    [
      'Auto-Submitted: no, then a second instance that is not',
      { headers: { 'auto-submitted': ['no', 'Auto-Replied; owner-email="x@acme.example"'] } },
      ['AUTO_SUBMITTED'],
    ],
    ['Auto-Submitted: NO with a parameter', { headers: { 'auto-submitted': ['NO; x=y'] } }, []],
    [
      'Auto-Submitted: auto-notified',
      { headers: { 'auto-submitted': ['auto-notified'] } },
      ['AUTO_SUBMITTED'],
    ],
    [
      'List-Archive only',
      { headers: { 'list-archive': ['<https://lists.example/a>'] } },
      ['AUTO_LIST_HEADER'],
    ],
    [
      'List-Owner only',
      { headers: { 'list-owner': ['<mailto:o@lists.example>'] } },
      ['AUTO_LIST_HEADER'],
    ],
    [
      'List-Unsubscribe-Post alone is a bulk sender, not a list',
      { headers: { 'list-unsubscribe-post': ['List-Unsubscribe=One-Click'] } },
      ['AUTO_BULK_SENDER_HEADER'],
    ],
    ['Precedence: junk', { headers: { precedence: ['junk'] } }, ['AUTO_PRECEDENCE']],
    ['Precedence: LIST', { headers: { precedence: [' LIST '] } }, ['AUTO_PRECEDENCE']],
    ['Precedence: first-class', { headers: { precedence: ['first-class'] } }, []],
    ['Precedence: bulkmail is not bulk', { headers: { precedence: ['bulkmail'] } }, []],
    [
      'suppress: oof',
      { headers: { 'x-auto-response-suppress': ['dr,oof'] } },
      ['AUTO_RESPONSE_SUPPRESSED'],
    ],
    [
      'suppress: ALL',
      { headers: { 'x-auto-response-suppress': ['ALL'] } },
      ['AUTO_RESPONSE_SUPPRESSED'],
    ],
    [
      'suppress: DR, NDR, RN, NRN, AutoReply',
      { headers: { 'x-auto-response-suppress': ['DR, NDR, RN, NRN, AutoReply'] } },
      [],
    ],
    [
      'robot Return-Path, human From',
      { returnPath: 'owner-team@lists.acme.example' },
      ['AUTO_SYSTEM_SENDER'],
    ],
    [
      'robot From, no Return-Path',
      { from: { address: 'postmaster@acme.example', name: '' }, returnPath: null },
      ['AUTO_SYSTEM_SENDER'],
    ],
    ['bare MAILER-DAEMON Return-Path', { returnPath: 'mailer-daemon' }, ['AUTO_SYSTEM_SENDER']],
    ['message/delivery-status', { contentType: 'message/delivery-status' }, ['AUTO_REPORT']],
    [
      'feedback report',
      { contentType: 'multipart/report', contentTypeParams: { 'report-type': 'feedback-report' } },
      ['AUTO_REPORT'],
    ],
    [
      'message/disposition-notification',
      { contentType: 'message/disposition-notification' },
      ['AUTO_REPORT'],
    ],
    ['multipart/mixed', { contentType: 'multipart/mixed' }, []],
    ['X-Loop', { headers: { 'x-loop': ['dana@studio.example'] } }, ['AUTO_MARKER_HEADER']],
    [
      'X-Bluebottle-Request (challenge-response)',
      { headers: { 'x-bluebottle-request': ['<1234>'] } },
      ['AUTO_MARKER_HEADER'],
    ],
    ['X-Autorespond', { headers: { 'x-autorespond': ['yes'] } }, ['AUTO_MARKER_HEADER']],
    ['X-Auto-Reply', { headers: { 'x-auto-reply': ['yes'] } }, ['AUTO_MARKER_HEADER']],
    [
      'Exchange rules loop',
      { headers: { 'x-ms-exchange-inbox-rules-loop': ['o@acme.example'] } },
      ['AUTO_MARKER_HEADER'],
    ],
    [
      'Exchange generated message',
      { headers: { 'x-ms-exchange-generated-message-source': ['Mailbox Rules Agent'] } },
      ['AUTO_MARKER_HEADER'],
    ],
    ['X-Mailer: Microsoft Outlook', { headers: { 'x-mailer': ['Microsoft Outlook 16.0'] } }, []],
    ['Automatic reply:', { subject: 'Automatic reply: Q3 budget' }, ['AUTO_REPLY_SUBJECT']],
    ['Auto reply:', { subject: 'Auto reply: Q3 budget' }, ['AUTO_REPLY_SUBJECT']],
    ['AutoReply:', { subject: 'AutoReply: Q3 budget' }, ['AUTO_REPLY_SUBJECT']],
    ['Out of office reply:', { subject: 'Out of office reply: hi' }, ['AUTO_REPLY_SUBJECT']],
    [
      'Out of Office AutoReply:',
      { subject: 'Out of Office AutoReply: hi' },
      ['AUTO_REPLY_SUBJECT'],
    ],
    ['Réponse automatique :', { subject: 'Réponse automatique : Devis' }, ['AUTO_REPLY_SUBJECT']],
    [
      'Réponse automatique (decomposed accent)',
      { subject: 'Re\u0301ponse automatique : Devis' },
      ['AUTO_REPLY_SUBJECT'],
    ],
    ['Respuesta automática:', { subject: 'Respuesta automática: Pedido' }, ['AUTO_REPLY_SUBJECT']],
    ['Fuera de la oficina:', { subject: 'Fuera de la oficina: Pedido' }, ['AUTO_REPLY_SUBJECT']],
    ['Risposta automatica:', { subject: 'Risposta automatica: Ordine' }, ['AUTO_REPLY_SUBJECT']],
    ['Automatisch antwoord:', { subject: 'Automatisch antwoord: Offerte' }, ['AUTO_REPLY_SUBJECT']],
    ['Abwesend:', { subject: 'Abwesend: Angebot' }, ['AUTO_REPLY_SUBJECT']],
    ['Frånvaro:', { subject: 'Frånvaro: Offert' }, ['AUTO_REPLY_SUBJECT']],
    ['Afwezig:', { subject: 'Afwezig: Offerte' }, ['AUTO_REPLY_SUBJECT']],
    ['Nepřítomnost:', { subject: 'Nepřítomnost: Nabídka' }, ['AUTO_REPLY_SUBJECT']],
    ['Automaatvastus:', { subject: 'Automaatvastus: Pakkumine' }, ['AUTO_REPLY_SUBJECT']],
    [
      'Lotus Notes AUTO: ... is out of the office (returning ...)',
      { subject: 'AUTO: Smith, John is out of the office. (returning 05/01/2010)' },
      ['AUTO_REPLY_SUBJECT'],
    ],
    [
      'a person saying who is out of the office',
      { subject: 'Sam is out of the office Friday' },
      [],
    ],
    ['Abwesenheit in words, no colon', { subject: 'Abwesend nächste Woche?' }, []],
    ['prefix not at the start', { subject: 'Re: Automatic reply: Q3' }, []],
    ['Auto: is offhours-style, not a responder', { subject: 'Auto: Re: Q3' }, []],
    ['OOO words without a colon', { subject: 'Out of office next week' }, []],
    ['X-Offhours', { headers: { 'x-offhours': ['reply'] } }, ['AUTO_OFFHOURS_MARKER']],
  ])('%s', (_name, overrides, expected) => {
    expect(detectAutomation(makeFacts(overrides))).toEqual(expected);
  });
});
