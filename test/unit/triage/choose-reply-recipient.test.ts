import { describe, expect, it } from 'vitest';
import { chooseReplyRecipient } from '../../../src/triage/choose-reply-recipient.js';
import { makeFacts } from './make-facts.js';

const from = (address: string) => ({ address, name: '' });

describe('chooseReplyRecipient', () => {
  it.each<
    [name: string, overrides: Parameters<typeof makeFacts>[0], to: string, passedOver: boolean]
  >([
    ['Return-Path equal to From', {}, 'olivia.park@acme.example', false],
    [
      'an aligned Return-Path (RFC 3834)',
      { returnPath: 'olivia@mail.acme.example' },
      'olivia@mail.acme.example',
      false,
    ],
    [
      'a stranger’s Return-Path',
      { returnPath: 'x@stranger.example' },
      'olivia.park@acme.example',
      true,
    ],
    [
      'a robot Return-Path at the same domain',
      { returnPath: 'bounces@acme.example' },
      'olivia.park@acme.example',
      true,
    ],
    ['no Return-Path', { returnPath: null }, 'olivia.park@acme.example', false],
    ['Return-Path <>', { returnPath: '' }, 'olivia.park@acme.example', false],
    [
      'no From: the Return-Path',
      { from: null, returnPath: 'ops@acme.example' },
      'ops@acme.example',
      false,
    ],
    ['neither', { from: from(''), returnPath: null }, '', false],
    [
      'a Unicode From domain, answered in punycode',
      { from: from('ceo@bücher.example'), returnPath: 'ceo@xn--bcher-kva.example' },
      'ceo@xn--bcher-kva.example',
      false,
    ],
  ])('%s', (_name, overrides, to, passedOverReturnPath) => {
    expect(chooseReplyRecipient(makeFacts(overrides))).toEqual({ to, passedOverReturnPath });
  });
});
