import { describe, expect, it } from 'vitest';
import { findReplyBlockers } from '../../../src/triage/find-reply-blockers.js';
import type { ReasonCode } from '../../../src/triage/reason-codes.js';
import { makeFacts } from './make-facts.js';

const context = {
  assistantAddresses: ['dana@studio.example', 'hello@studio.example'],
  backupAddresses: ['sam@studio.example', 'priya@studio.example'],
  checkRecipient: true,
  neverReplyTo: ['robot.example', 'orders@shop.example'],
};

const person = (address: string) => ({ address, name: '' });

describe('findReplyBlockers', () => {
  it.each<[string, Parameters<typeof makeFacts>[0], boolean, ReasonCode[]]>([
    ['a client writing to the VA', {}, true, []],
    [
      'the VA is in Cc',
      { to: [person('olivia@acme.example')], cc: [person('dana@studio.example')] },
      true,
      [],
    ],
    ['the VA is in Bcc', { to: [], bcc: [person('dana@studio.example')] }, true, []],
    [
      'the VA is in Resent-To',
      { to: [person('x@acme.example')], resentTo: [person('dana@studio.example')] },
      true,
      [],
    ],
    ['the VA is in Resent-Cc', { to: [], resentCc: [person('hello@studio.example')] }, true, []],
    ['the VA is in Resent-Bcc', { to: [], resentBcc: [person('dana@studio.example')] }, true, []],
    ['plus-addressed VA', { to: [person('dana+acme@studio.example')] }, true, []],
    ['upper-case VA address', { to: [person('Dana@Studio.Example')] }, true, []],
    [
      'the VA is not a recipient',
      { to: [person('team@acme.example')] },
      true,
      ['NOT_ADDRESSED_TO_ASSISTANT'],
    ],
    ['no recipients at all', { to: [] }, true, ['NOT_ADDRESSED_TO_ASSISTANT']],
    ['recipient check off', { to: [person('team@acme.example')] }, false, []],
    [
      'a near-miss address is not the VA',
      { to: [person('dana@studio.example.net')] },
      true,
      ['NOT_ADDRESSED_TO_ASSISTANT'],
    ],
    [
      'the VA writing (From)',
      { from: person('dana@studio.example'), returnPath: 'dana@studio.example' },
      true,
      ['SENDER_IS_ASSISTANT'],
    ],
    [
      'the VA alias in Return-Path only',
      { returnPath: 'hello+x@studio.example' },
      true,
      ['SENDER_IS_ASSISTANT'],
    ],
    [
      'a backup writing',
      { from: person('sam@studio.example'), returnPath: null },
      true,
      ['SENDER_IS_BACKUP'],
    ],
    ['a backup in Return-Path', { returnPath: 'Priya@studio.example' }, true, ['SENDER_IS_BACKUP']],
    ['no From and no Return-Path', { from: null, returnPath: null }, true, ['NO_REPLY_ADDRESS']],
    ['no From and Return-Path <>', { from: null, returnPath: '' }, true, ['NO_REPLY_ADDRESS']],
    [
      'a broken From and no Return-Path',
      { from: person(''), returnPath: null },
      true,
      ['NO_REPLY_ADDRESS'],
    ],
    ['no From but a Return-Path', { from: null, returnPath: 'olivia@acme.example' }, true, []],
    ['Return-Path <> but a From', { returnPath: '' }, true, []],
    [
      'everything at once',
      { from: person('dana@studio.example'), returnPath: 'sam@studio.example', to: [] },
      true,
      ['SENDER_IS_ASSISTANT', 'SENDER_IS_BACKUP', 'NOT_ADDRESSED_TO_ASSISTANT'],
    ],
  ])('%s', (_name, overrides, checkRecipient, expected) => {
    expect(findReplyBlockers(makeFacts(overrides), { ...context, checkRecipient })).toEqual(
      expected,
    );
  });
});
