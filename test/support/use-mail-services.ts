/**
 * The sandbox services (Dovecot, SMTP sink, optionally a private Redis) for the enclosing
 * file or describe block: started once, stopped after. If they cannot start (a missing
 * package), every test fails with the reason; none is skipped.
 */
import { startSandbox, type Sandbox } from '../../src/sandbox/start-sandbox.js';
import { useFixture } from './use-fixture.js';

export function useMailServices(options: Parameters<typeof startSandbox>[0] = {}): () => Sandbox {
  return useFixture(
    () => startSandbox(options),
    (sandbox) => sandbox.stop(),
  );
}
