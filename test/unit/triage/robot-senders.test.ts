import { describe, expect, it } from 'vitest';
import { isRobotSender } from '../../../src/triage/robot-senders.js';

describe('isRobotSender', () => {
  it.each([
    ['MAILER-DAEMON@mx1.studio.example', true],
    ['listserv@lists.acme.example', true],
    ['Majordomo@bloom.example', true],
    ['acme-team-request@lists.acme.example', true],
    ['owner-acme-team@lists.acme.example', true],
    ['noreply@acme.example', true],
    ['no-reply@acme.example', true],
    ['no_reply@acme.example', true],
    ['donotreply@acme.example', true],
    ['do-not-reply@acme.example', true],
    ['bounce@bloom.example', true],
    ['bounces+4471-ab12=studio.example@mail.bloom.example', true],
    ['bounce-8841@mail.bloom.example', true],
    ['notifications@github.example', true],
    ['notification@acme.example', true],
    ['postmaster@acme.example', true],
    ['noreply-billing@acme.example', true],
    ['mailer-daemon', true],
    ['nora.reply@bloom.example', false],
    ['bounceback@bloom.example', false],
    ['notificationsteam@acme.example', false],
    ['owner@acme.example', false],
    ['requests@acme.example', false],
    ['olivia.park@acme.example', false],
    ['', false],
    ['@acme.example', false],
  ])('%s -> %s', (address, expected) => {
    expect(isRobotSender(address)).toBe(expected);
  });
});
