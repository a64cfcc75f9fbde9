import { UnrecoverableError } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { OffhoursError } from '../../../src/errors/offhours-error.js';
import type { DecisionEvent } from '../../../src/mail/triage-new-mail.js';
import { OffhoursMetrics } from '../../../src/observability/offhours-metrics.js';
import type { Decision } from '../../../src/triage/decide.js';
import { makeFacts } from '../triage/make-facts.js';

const receivedAt = new Date('2026-11-25T21:00:00Z');
const nowMs = () => receivedAt.getTime() + 3_000;

const reply = {
  kind: 'out-of-hours',
  to: 'jane@acme.example',
  subject: 'Auto: hi',
  body: '',
} as const;

/** A decision of client acme, or of no client for 'ignore'. */
function decisionEvent(
  kind: 'ignore' | 'hold' | 'reply-and-hold',
  messageKey = 'key-1',
): DecisionEvent {
  const away = {
    client: { id: 'acme', name: 'Acme' },
    automated: false,
    emergency: false,
    emergencyKeyword: null,
    resumeAt: null,
    reasons: [],
  };
  const decision: Decision =
    kind === 'ignore'
      ? { kind, client: null, automated: false, reasons: [] }
      : kind === 'hold'
        ? { kind, ...away }
        : { kind, ...away, reply };
  return { uid: 1, messageKey, facts: makeFacts(), decision, at: receivedAt, receivedAt };
}

const replyData = (messageKey = 'key-1') => ({
  messageKey,
  clientId: 'acme',
  kind: 'out-of-hours',
  to: 'jane@acme.example',
  subject: 'Auto: hi',
  body: 'Back soon',
  inReplyTo: null,
  references: [],
  oncePerSeconds: 86_400,
});

async function valuesOf(metrics: OffhoursMetrics, name: string) {
  const metric = metrics.registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  // Histograms name each value (_bucket, _sum, _count); counters and gauges do not.
  return (await metric.get()).values.map((entry) => ({
    labels: entry.labels,
    value: entry.value,
    ...('metricName' in entry && typeof entry.metricName === 'string'
      ? { metricName: entry.metricName }
      : {}),
  }));
}

describe('OffhoursMetrics', () => {
  it('counts each decision under its client and every action, "none" when there is none', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    metrics.recordDecision(decisionEvent('reply-and-hold'));
    metrics.recordDecision(decisionEvent('hold', 'key-2'));
    metrics.recordDecision(decisionEvent('ignore', 'key-3'));
    expect(await valuesOf(metrics, 'offhours_messages_triaged_total')).toEqual([
      { labels: { client: 'acme', action: 'reply' }, value: 1 },
      { labels: { client: 'acme', action: 'hold' }, value: 2 },
      { labels: { client: 'unmatched', action: 'none' }, value: 1 },
    ]);
  });

  it('counts sent and suppressed replies and times a reply from the IMAP date to SMTP', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    metrics.recordDecision(decisionEvent('reply-and-hold'));
    metrics.recordJobFinished({
      name: 'reply',
      outcome: 'completed',
      job: {
        data: replyData(),
        returnvalue: { sent: true, messageId: '<x>' },
        finishedOn: receivedAt.getTime() + 4_000,
      },
    });
    metrics.recordJobFinished({
      name: 'reply',
      outcome: 'completed',
      job: {
        data: replyData('key-2'),
        returnvalue: { sent: false, suppressed: 'once-per-period' },
      },
    });
    expect(await valuesOf(metrics, 'offhours_replies_sent_total')).toEqual([
      { labels: { client: 'acme', kind: 'out-of-hours' }, value: 1 },
    ]);
    expect(await valuesOf(metrics, 'offhours_replies_suppressed_total')).toEqual([
      { labels: { client: 'acme', reason: 'once-per-period' }, value: 1 },
    ]);
    const reply = await valuesOf(metrics, 'offhours_reply_latency_seconds');
    expect(reply).toContainEqual({
      labels: {},
      value: 4,
      metricName: 'offhours_reply_latency_seconds_sum',
    });
    expect(reply).toContainEqual({
      labels: { le: 5 },
      value: 1,
      metricName: 'offhours_reply_latency_seconds_bucket',
    });
    const decision = await valuesOf(metrics, 'offhours_decision_latency_seconds');
    expect(decision).toContainEqual({
      labels: {},
      value: 3,
      metricName: 'offhours_decision_latency_seconds_sum',
    });
  });

  it('counts forwards, releases and held mail found gone', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    metrics.recordJobFinished({
      name: 'forward',
      outcome: 'completed',
      job: {
        data: {
          messageKey: 'k',
          clientId: 'acme',
          clientName: 'Acme',
          mailbox: 'INBOX',
          uidValidity: '1',
          uid: 3,
          messageId: null,
          from: 'jane@acme.example',
          subject: 'URGENT',
          backup: { name: 'Sam', address: 'sam@studio.example' },
        },
        returnvalue: undefined,
      },
    });
    metrics.recordJobFinished({
      name: 'release',
      outcome: 'completed',
      job: {
        data: { clientId: 'acme', dueAt: '2026-11-26T09:00:00Z' },
        returnvalue: { released: 3, gone: 1 },
      },
    });
    expect(await valuesOf(metrics, 'offhours_forwards_sent_total')).toEqual([
      { labels: { client: 'acme' }, value: 1 },
    ]);
    expect(await valuesOf(metrics, 'offhours_messages_released_total')).toEqual([
      { labels: { client: 'acme' }, value: 3 },
    ]);
    expect(await valuesOf(metrics, 'offhours_held_messages_gone_total')).toEqual([
      { labels: { client: 'acme' }, value: 1 },
    ]);
  });

  it('counts escalation steps by client and outcome', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    const data = {
      messageKey: 'k',
      clientId: 'acme',
      clientName: 'Acme',
      mailbox: 'INBOX',
      uidValidity: '1',
      uid: 3,
      messageId: null,
      from: 'jane@acme.example',
      subject: 'URGENT',
      token: '0123456789',
      step: 1,
    };
    const finish = (returnvalue: unknown) =>
      metrics.recordJobFinished({
        name: 'escalate',
        outcome: 'completed',
        job: { data, returnvalue },
      });
    finish({ escalated: true, step: 1, to: 'priya@studio.example' });
    finish({ escalated: true, step: 2, to: 'dana@personal.example' });
    finish({ escalated: false, step: 1, stopped: 'acknowledged' });
    expect(await valuesOf(metrics, 'offhours_escalation_steps_total')).toEqual([
      { labels: { client: 'acme', outcome: 'escalated' }, value: 2 },
      { labels: { client: 'acme', outcome: 'acknowledged' }, value: 1 },
    ]);
  });

  it('counts reply-time promises that ran out, answered or reminded; a dropped one not at all', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    const data = {
      messageKey: 'k',
      clientId: 'acme',
      clientName: 'Acme',
      messageId: 'm@acme.example',
      from: 'jane@acme.example',
      subject: 'Invoice',
      mailbox: 'INBOX',
      receivedAt: '2026-11-26T09:00:00Z',
      withinSeconds: 7200,
      dueAt: '2026-11-26T11:00:00Z',
    };
    const results = [
      { answered: true, via: 'sent-folder' },
      { answered: true, via: 'answered-flag' },
      {
        answered: false,
        reminded: true,
        to: 'dana@studio.example',
        messageId: 'x',
        flaggedIn: null,
      },
      { answered: false, reminded: false, dropped: 'promise-off' },
    ];
    for (const returnvalue of results)
      metrics.recordJobFinished({
        name: 'reply-due',
        outcome: 'completed',
        job: { data, returnvalue },
      });
    expect(await valuesOf(metrics, 'offhours_reply_promises_total')).toEqual([
      { labels: { client: 'acme', outcome: 'answered' }, value: 2 },
      { labels: { client: 'acme', outcome: 'reminded' }, value: 1 },
    ]);
  });

  it('counts failed attempts by job and offhours code, also through an UnrecoverableError cause', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    const job = { data: replyData(), returnvalue: undefined };
    metrics.recordJobFinished({
      name: 'reply',
      outcome: 'failed',
      job,
      error: new OffhoursError('SMTP_TRANSIENT', '421 try later'),
    });
    metrics.recordJobFinished({
      name: 'reply',
      outcome: 'failed',
      job,
      error: Object.assign(new UnrecoverableError('550 no such user'), {
        cause: new OffhoursError('SMTP_PERMANENT', '550'),
      }),
    });
    metrics.recordJobFinished({
      name: 'forward',
      outcome: 'failed',
      job,
      error: new UnrecoverableError('gone'),
    });
    metrics.recordJobFinished({ name: 'release', outcome: 'failed', job, error: new Error('x') });
    expect(await valuesOf(metrics, 'offhours_job_failures_total')).toEqual([
      { labels: { job: 'reply', code: 'SMTP_TRANSIENT' }, value: 1 },
      { labels: { job: 'reply', code: 'SMTP_PERMANENT' }, value: 1 },
      { labels: { job: 'forward', code: 'PERMANENT' }, value: 1 },
      { labels: { job: 'release', code: 'INTERNAL' }, value: 1 },
    ]);
  });

  it('adds only the growth of the watcher’s reconnect count, and shows the current state', async () => {
    const metrics = new OffhoursMetrics({ nowMs });
    metrics.recordReconnects(0);
    metrics.recordReconnects(2);
    metrics.recordReconnects(2);
    metrics.recordReconnects(3);
    metrics.recordWatcherState('disconnected');
    expect(await valuesOf(metrics, 'offhours_imap_reconnects_total')).toEqual([
      { labels: {}, value: 3 },
    ]);
    const states = await valuesOf(metrics, 'offhours_watcher_state');
    expect(states.filter((state) => state.value === 1)).toEqual([
      { labels: { state: 'disconnected' }, value: 1 },
    ]);
  });

  it('renders Prometheus text with the held gauge and default process metrics', async () => {
    let held = 4;
    const metrics = new OffhoursMetrics({ nowMs, countHeld: () => Promise.resolve(held) });
    metrics.recordDecision(decisionEvent('hold'));
    const first = await metrics.render();
    expect(first.contentType).toContain('text/plain');
    expect(first.body).toContain('offhours_messages_triaged_total{client="acme",action="hold"} 1');
    expect(first.body).toContain('offhours_held_messages 4');
    expect(first.body).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(first.body).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    held = 2;
    expect((await metrics.render()).body).toContain('offhours_held_messages 2');
  });

  it('keeps the last held count when Redis cannot be read, and still renders', async () => {
    let fail = false;
    const metrics = new OffhoursMetrics({
      nowMs,
      countHeld: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve(5)),
    });
    expect((await metrics.render()).body).toContain('offhours_held_messages 5');
    fail = true;
    expect((await metrics.render()).body).toContain('offhours_held_messages 5');
  });

  it('uses its own registry: two instances do not clash', async () => {
    const a = new OffhoursMetrics({ nowMs });
    const b = new OffhoursMetrics({ nowMs });
    a.recordDecision(decisionEvent('reply-and-hold'));
    expect((await b.render()).body).not.toContain('client="acme"');
  });
});
