import { afterAll, describe, it } from 'vitest';
import { runDovecotOutage } from './support/run-dovecot-outage.js';
import type { FaultRig } from './support/start-fault-rig.js';

let rig: FaultRig | undefined;
afterAll(async () => {
  await rig?.stop();
});

describe('Dovecot down for 5 minutes', () => {
  it('handles the mail from just before and just after, once each', async () => {
    await runDovecotOutage(5 * 60_000, 'Dovecot down 5 min', (started) => (rig = started));
  });
});
