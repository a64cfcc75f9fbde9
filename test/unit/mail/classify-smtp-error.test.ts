import { describe, expect, it } from 'vitest';
import { classifySmtpError } from '../../../src/mail/classify-smtp-error.js';

const smtpError = (message: string, fields: Record<string, unknown>) =>
  Object.assign(new Error(message), fields);

describe('classifySmtpError', () => {
  it.each([
    [
      smtpError('Mailbox unavailable', { responseCode: 550, code: 'EENVELOPE' }),
      'SMTP_PERMANENT',
      true,
    ],
    [
      smtpError('Message rejected', { responseCode: 554, code: 'EMESSAGE' }),
      'SMTP_PERMANENT',
      true,
    ],
    [
      smtpError('Authentication failed', { responseCode: 535, code: 'EAUTH' }),
      'SMTP_PERMANENT',
      true,
    ],
    [smtpError('No recipients defined', { code: 'EENVELOPE' }), 'SMTP_PERMANENT', true],
    [
      smtpError('Try again later', { responseCode: 451, code: 'EENVELOPE' }),
      'SMTP_TRANSIENT',
      false,
    ],
    [smtpError('Greylisted', { responseCode: 421 }), 'SMTP_TRANSIENT', false],
    [smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET' }), 'SMTP_TRANSIENT', false],
    [smtpError('Greeting never received', { code: 'ETIMEDOUT' }), 'SMTP_TRANSIENT', false],
    [new Error('something else'), 'SMTP_TRANSIENT', false],
  ])('%s -> %s', (error, code, permanent) => {
    const classified = classifySmtpError(error);
    expect(classified.code).toBe(code);
    expect(classified.permanent).toBe(permanent);
    expect(classified.cause).toBe(error);
  });
});
