import { describe, expect, it } from 'vitest';
import { describeReplyReminder } from '../../../src/triage/describe-reply-reminder.js';

const facts = {
  assistantName: 'Dana Reyes',
  clientName: 'Acme Corp',
  from: 'olivia.park@acme.example',
  subject: 'Q3 budget\r\nBcc: everyone@example.com',
  receivedAt: new Date('2026-11-25T15:00:00Z'),
  withinSeconds: 5400,
  dueAt: new Date('2026-11-25T16:30:00Z'),
  timeZone: 'America/New_York',
  flaggedIn: 'INBOX',
  searched: ['INBOX', 'Held'],
};
const now = new Date('2026-11-25T16:30:02Z');

describe('describeReplyReminder', () => {
  it('says who wrote, when, what was promised and where the message is flagged', () => {
    const reminder = describeReplyReminder(facts, now);
    expect(reminder.subject).toBe('Reply overdue: Q3 budget Bcc: everyone@example.com');
    expect(reminder.text).toBe(
      [
        'Hi Dana Reyes,',
        '',
        'olivia.park@acme.example (client: Acme Corp) wrote today at 10:00, and no reply from you has been seen yet.',
        'You promise Acme Corp a reply within 1 hour 30 minutes of working time; that ran out today at 11:30 (America/New_York time).',
        '',
        'Subject: Q3 budget Bcc: everyone@example.com',
        'It is flagged in INBOX.',
        '',
        'This is the only reminder for this message, and the client has not been told.',
        '-- offhours',
      ].join('\n'),
    );
  });

  it('a message found nowhere: says where it looked', () => {
    const { text } = describeReplyReminder({ ...facts, flaggedIn: null }, now);
    expect(text).toContain('I could not find it in INBOX or Held to flag it');
  });

  it.each([
    [7200, '2 hours'],
    [86_400, '24 hours'],
    [60, '1 minute'],
    [5, '5 seconds'],
    [3661, '1 hour 1 minute 1 second'],
  ])('%i seconds are written as %s', (withinSeconds, written) => {
    expect(describeReplyReminder({ ...facts, withinSeconds }, now).text).toContain(
      `within ${written} of working time`,
    );
  });

  it('an empty subject', () => {
    expect(describeReplyReminder({ ...facts, subject: '' }, now).subject).toBe(
      'Reply overdue: (no subject)',
    );
  });
});
