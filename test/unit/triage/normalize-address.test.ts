import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeAddress, normalizeDomain } from '../../../src/triage/normalize-address.js';
import { matchesAddressList } from '../../../src/triage/matches-address-list.js';

describe('normalizeAddress', () => {
  it.each<[written: string, normal: string]>([
    ['Olivia@Acme.Example', 'olivia@acme.example'],
    ['  ceo@acme.example ', 'ceo@acme.example'],
    ['ceo@bücher.example', 'ceo@xn--bcher-kva.example'],
    ['ceo@BÜCHER.example', 'ceo@xn--bcher-kva.example'],
    ['ceo@xn--bcher-kva.example', 'ceo@xn--bcher-kva.example'],
    ['ceo@ｂücher.example', 'ceo@xn--bcher-kva.example'],
    ['ceo@例え。テスト', 'ceo@xn--r8jz45g.xn--zckzah'],
    ['ceo@acme.example.', 'ceo@acme.example'],
    ['JOSÉ@acme.example', 'josé@acme.example'],
    ['jose\u0301@acme.example', 'josé@acme.example'],
    ['用户@例子.广告', '用户@xn--fsqu00a.xn--4rr70v'],
    ['mailer-daemon', 'mailer-daemon'],
    ['', ''],
  ])('%s -> %s', (written, normal) => {
    expect(normalizeAddress(written)).toBe(normal);
  });

  it.each(['bücher.example', 'ＢÜCHER.Example', '例子.广告', 'straße.de', 'ÖBB.at', 'münchen.de.'])(
    'agrees with Node’s UTS #46 domainToASCII on %s',
    (domain) => {
      expect(normalizeDomain(domain)).toBe(domainToASCII(domain).replace(/\.$/, ''));
    },
  );
});

describe('matchesAddressList', () => {
  const entries = ['orders@shop.example', 'bücher.example', 'alerts.monitor.example'];
  it.each<[address: string, listed: boolean]>([
    ['orders@shop.example', true],
    ['Orders@SHOP.example', true],
    ['sales@shop.example', false],
    ['anyone@xn--bcher-kva.example', true],
    ['anyone@eu.bücher.example', true],
    ['anyone@notbücher.example', false],
    ['bot@alerts.monitor.example', true],
    ['bot@monitor.example', false],
    ['', false],
  ])('%s -> %s', (address, listed) => {
    expect(matchesAddressList(address, entries)).toBe(listed);
  });
});
