import { OffhoursError } from '../errors/offhours-error.js';
import type { JobHandlers } from '../queue/start-workers.js';

/**
 * The handlers the workers run: each job goes to the handlers of the mailbox its payload
 * names. A job without a mailbox id (queued before mailboxes had their own runtime) goes
 * to the deployment's one mailbox; a mailbox no longer configured fails it for good.
 */
export function routeJobs(
  find: (mailboxId: string | undefined) => JobHandlers | undefined,
): JobHandlers {
  const handlersOf = (mailboxId: string | undefined): JobHandlers => {
    const handlers = find(mailboxId);
    if (handlers === undefined)
      throw new OffhoursError(
        'MAILBOX_UNKNOWN',
        `the job names mailbox ${mailboxId ?? '(none)'}, which is not in the config`,
        { details: { mailboxId } },
      );
    return handlers;
  };
  return {
    reply: (payload, job) => handlersOf(payload.mailboxId).reply(payload, job),
    forward: (payload, job) => handlersOf(payload.mailboxId).forward(payload, job),
    escalate: (payload, job) => handlersOf(payload.mailboxId).escalate(payload, job),
    release: (payload, job) => handlersOf(payload.mailboxId).release(payload, job),
    'reply-due': (payload, job) => handlersOf(payload.mailboxId)['reply-due'](payload, job),
    announce: (payload, job) => handlersOf(payload.mailboxId).announce(payload, job),
    digest: (payload, job) => handlersOf(payload.mailboxId).digest(payload, job),
  };
}
