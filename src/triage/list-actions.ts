import type { Action, Decision } from './decide.js';

/** The actions a decision's kind stands for, in the order the shell carries them out. */
export function listActions(decision: Decision): readonly Action[] {
  switch (decision.kind) {
    case 'ignore':
    case 'leave':
      return [];
    case 'hold':
      return ['hold'];
    case 'reply-and-hold':
      return ['reply', 'hold'];
    case 'forward':
      return ['forward'];
    case 'forward-and-reply':
      return ['forward', 'reply'];
    default: {
      const unknown: never = decision;
      throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
    }
  }
}
