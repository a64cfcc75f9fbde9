import { describe, expect, it } from 'vitest';
import { assessSender, type SenderVerification } from '../../../src/triage/assess-sender.js';
import { isDomainAligned } from '../../../src/triage/is-domain-aligned.js';
import { readAuthenticationResults } from '../../../src/triage/read-authentication-results.js';
import { makeFacts } from './make-facts.js';

const from = (address: string) => ({ address, name: '' });
const ours = ['mx.studio.example'];

describe('isDomainAligned (relaxed, organizational domains)', () => {
  it.each<[a: string, b: string, aligned: boolean]>([
    ['acme.example', 'acme.example', true],
    ['bounces.acme.example', 'acme.example', true],
    ['mail.acme.co.uk', 'acme.co.uk', true],
    ['acme.co.uk', 'evil.co.uk', false],
    ['a.herokuapp.com', 'b.herokuapp.com', false],
    ['calendar-server.bounces.google.com', 'google.com', true],
    ['acme.example', 'acme.example.evil.example', false],
    ['bücher.example', 'xn--bcher-kva.example', true],
    ['', 'acme.example', false],
  ])('%s ~ %s: %s', (a, b, aligned) => {
    expect(isDomainAligned(a, b)).toBe(aligned);
  });
});

describe('readAuthenticationResults', () => {
  it('reads authserv-id, methods, results and properties', () => {
    expect(
      readAuthenticationResults(
        'mx.studio.example 1; dkim=pass (2048-bit key; unprotected) header.d=acme.example header.s=s1;\r\n spf = pass smtp.mailfrom=ceo@acme.example; dmarc=fail (p=reject) header.from="acme.example"',
      ),
    ).toEqual({
      authservId: 'mx.studio.example',
      results: [
        {
          method: 'dkim',
          result: 'pass',
          properties: { 'header.d': 'acme.example', 'header.s': 's1' },
        },
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'ceo@acme.example' } },
        { method: 'dmarc', result: 'fail', properties: { 'header.from': 'acme.example' } },
      ],
    });
  });

  it.each([
    ['mx.studio.example; none', 'mx.studio.example', 0],
    ['(comment (nested)) mx.studio.example; dkim/1=pass header.d=x', 'mx.studio.example', 1],
    ['mx.studio.example; garbage; ;;=; dkim=', 'mx.studio.example', 1],
    ['', '', 0],
  ])('%j', (value, authservId, count) => {
    const parsed = readAuthenticationResults(value);
    expect([parsed.authservId, parsed.results.length]).toEqual([authservId, count]);
  });

  it.each([
    ['spaces', `mx.example; dkim=pass${' '.repeat(256 * 1024)}x`],
    ['equals signs', `mx.example; ${'= '.repeat(128 * 1024)}`],
    ['open comments', `mx.example; ${'('.repeat(256 * 1024)}`],
    ['open quotes', `mx.example; a="${'\\"'.repeat(128 * 1024)}`],
  ])('reads 256 KiB of %s in one pass', (_name, value) => {
    expect(readAuthenticationResults(value).authservId).toBe('mx.example');
  });
});

describe('assessSender', () => {
  it.each<[name: string, facts: Parameters<typeof makeFacts>[0], verification: SenderVerification]>(
    [
      ['Return-Path equal to From', {}, 'return-path'],
      [
        'Return-Path at a subdomain of the From domain',
        { returnPath: 'bounce-77@mail.acme.example', from: from('ceo@acme.example') },
        'return-path',
      ],
      [
        'a stranger’s Return-Path',
        { returnPath: 'x@stranger.example', from: from('ceo@acme.example') },
        null,
      ],
      ['no Return-Path', { returnPath: null }, null],
      ['null Return-Path', { returnPath: '' }, null],
      ['no From', { from: null }, null],
      [
        'our server: DKIM pass aligned, stranger Return-Path (an ESP)',
        {
          returnPath: 'bounces@esp.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': ['mx.studio.example; dkim=pass header.d=mail.acme.example'],
          },
        },
        'dkim',
      ],
      [
        'our server: DKIM pass by header.i',
        {
          returnPath: 'bounces@esp.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': ['MX.Studio.Example; dkim=pass header.i=@acme.example'],
          },
        },
        'dkim',
      ],
      [
        'our server: DKIM pass for another domain',
        {
          returnPath: 'bounces@esp.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': ['mx.studio.example; dkim=pass header.d=esp.example'],
          },
        },
        null,
      ],
      [
        'our server: DMARC pass',
        {
          returnPath: 'bounces@esp.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': ['mx.studio.example; dmarc=pass header.from=acme.example'],
          },
        },
        'dmarc',
      ],
      [
        'our server: DMARC fail beats an aligned Return-Path',
        {
          headers: {
            'authentication-results': ['mx.studio.example; dmarc=fail header.from=acme.example'],
          },
        },
        null,
      ],
      [
        'our server: SPF fail for an aligned Return-Path',
        {
          headers: {
            'authentication-results': ['mx.studio.example; spf=fail smtp.mailfrom=acme.example'],
          },
        },
        null,
      ],
      [
        'another authserv-id claiming DKIM pass is ignored',
        {
          returnPath: 'x@stranger.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': ['mx.stranger.example; dkim=pass header.d=acme.example'],
          },
        },
        null,
      ],
      [
        'only the topmost header of our server counts',
        {
          returnPath: 'x@stranger.example',
          from: from('ceo@acme.example'),
          headers: {
            'authentication-results': [
              'mx.studio.example; dkim=fail header.d=acme.example',
              'mx.studio.example; dkim=pass header.d=acme.example',
            ],
          },
        },
        null,
      ],
    ],
  )('%s', (_name, overrides, verification) => {
    expect(assessSender(makeFacts(overrides), ours)).toBe(verification);
  });

  it('believes no Authentication-Results when no authserv-id is configured', () => {
    const facts = makeFacts({
      returnPath: 'x@stranger.example',
      headers: {
        'authentication-results': ['mx.studio.example; dmarc=pass header.from=acme.example'],
      },
    });
    expect(assessSender(facts, [])).toBeNull();
  });
});
