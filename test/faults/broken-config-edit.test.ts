import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../support/start-offhours.js';
import { awaitOutcomes } from './support/await-outcomes.js';
import { composeExpectedMail, uniqueSender } from './support/compose-fault-backlog.js';
import { countLost } from './support/count-outcomes.js';
import type { ExpectedMail } from './support/count-outcomes.js';
import { reportFigures } from './support/report-figures.js';
import { startFaultRig, type FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

describe('a broken config edit while the daemon runs', () => {
  it('is logged, the last good config stays in force and mail keeps flowing', async () => {
    rig = await startFaultRig();
    const started = rig;
    const daemon = await started.startDaemon();
    const mainPath = started.configPath;
    const clientPath = join(started.configDir, 'clients', 'acme.yaml');
    const goodMain = readFileSync(mainPath, 'utf8');
    const goodClient = readFileSync(clientPath, 'utf8');
    const count = (event: string) =>
      daemon.process.logs.filter((line) => line.event === event).length;
    const expected: ExpectedMail[] = [];

    // Mail answered under Acme's rules (out of hours: reply and hold) proves those rules still apply.
    const sendMail = async (phase: string): Promise<void> => {
      for (let index = 0; index < 3; index += 1) {
        const mail = composeExpectedMail(
          uniqueSender(phase.replace(/[^a-z0-9]+/gi, '-')),
          `${phase} ${index}`,
          {
            fate: 'held',
            reply: 'out-of-hours',
            forward: false,
          },
        );
        expected.push(mail.expected);
        await started.mailbox.append(mail.raw);
      }
      const outcomes = await awaitOutcomes({
        expected,
        sink: started.sink,
        imap: started.imap,
        redis: started.redisKeys,
        timeoutMs: 30_000,
      });
      expect(outcomes, `mail sent ${phase}`).toMatchObject({ misplaced: 0, lostReplies: 0 });
    };
    const edit = async (path: string, text: string, awaited: string): Promise<LogLine> => {
      const seen = count(awaited);
      writeFileSync(path, text);
      return daemon.process.waitForLog(
        (line) => line.event === awaited && count(awaited) > seen,
        30_000,
      );
    };

    await sendMail('before any edit');
    const edits = [
      {
        what: 'YAML syntax error in offhours.yaml',
        path: mainPath,
        text: `${goodMain}limits: [3, \n`,
      },
      {
        what: 'invalid hours in clients/acme.yaml',
        path: clientPath,
        text: goodClient.replace('09:00-17:00', '09:00-1700'),
      },
      {
        what: 'an unset ${VAR} in offhours.yaml',
        path: mainPath,
        text: goodMain.replace('host: 127.0.0.1', 'host: "${OFFHOURS_FAULTS_UNSET_HOST}"'),
      },
    ];
    const rejected: LogLine[] = [];
    for (const { what, path, text } of edits) {
      expect(text, what).not.toBe(path === mainPath ? goodMain : goodClient);
      rejected.push(await edit(path, text, 'config_rejected'));
      await sendMail(`after ${what}`);
      // Put the file back; the daemon reloads the good config.
      await edit(path, path === mainPath ? goodMain : goodClient, 'config_reloaded');
    }
    await sendMail('after the last good edit');

    const outcomes = await awaitOutcomes({
      expected,
      sink: started.sink,
      imap: started.imap,
      redis: started.redisKeys,
      timeoutMs: 30_000,
    });
    reportFigures({
      scenario: 'broken config edits while running',
      messages: outcomes.messages,
      lost: countLost(outcomes),
      duplicateReplies: outcomes.duplicateReplies,
      duplicateForwards: outcomes.duplicateForwards,
      recoverySeconds: null,
      note:
        `${rejected.length} broken edits, each logged as ${rejected.map((line) => String(line['code'])).join(', ')}; ` +
        `mail answered under the last good config after each; daemon pid ${daemon.process.pid} never restarted`,
    });
    expect(rejected.map((line) => line['code'])).toEqual([
      'CONFIG_INVALID',
      'CONFIG_INVALID',
      'CONFIG_ENV_MISSING',
    ]);
    expect(String(rejected[1]?.['msg'])).toContain('clients/acme.yaml line 5');
    expect(outcomes).toMatchObject({
      misplaced: 0,
      lostReplies: 0,
      duplicateReplies: 0,
      unexpectedReplies: 0,
    });
    expect(started.daemons).toHaveLength(1);
    expect(daemon.process.logs.some((line) => line.event === 'stopped')).toBe(false);
  });
});
