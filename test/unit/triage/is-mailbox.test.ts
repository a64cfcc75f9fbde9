import { describe, expect, it } from 'vitest';
import { isMailbox } from '../../../src/triage/is-mailbox.js';

describe('isMailbox', () => {
  it.each([
    ['jane@acme.example', true],
    ['jane.doe+orders@mail.acme.example', true],
    ["o'neil@acme.example", true],
    ['josé@société.example', true],
    ['jane@acme', false],
    ['jane', false],
    ['', false],
    ['@acme.example', false],
    ['jane@', false],
    ['jane@@acme.example', false],
    ['oolivia.park@acme.example>', false],
    ['jane doe@acme.example', false],
    ['jane@acme..example', false],
    ['.jane@acme.example', false],
    ['jane@-acme.example', false],
    ['"jane doe"@acme.example', false],
    ['jane@[192.0.2.1]', false],
    [`${'a'.repeat(250)}@acme.example`, false],
  ])('%s -> %s', (address, expected) => {
    expect(isMailbox(address)).toBe(expected);
  });
});
