/**
 * The sentence {{howToEscalate}} stands for: how this sender can reach the backup, or '' when
 * they cannot (no backup on call, no keywords, or a sender whose keyword would not count:
 * not among `emergency.senders`, or not verified). It names `urgent` when that is a keyword,
 * else the first keyword, and asks for it at the top of the message, where a reply to this
 * very auto-reply is read (the quoted auto-reply below never counts).
 */
export function describeHowToEscalate(input: {
  readonly keywords: readonly string[];
  readonly senderCanRaise: boolean;
  readonly backupName: string | null;
}): string {
  if (!input.senderCanRaise || input.backupName === null) return '';
  const usable = input.keywords
    .map((keyword) => keyword.trim())
    .filter((keyword) => keyword !== '');
  const keyword = usable.find((candidate) => candidate.toLowerCase() === 'urgent') ?? usable[0];
  if (keyword === undefined) return '';
  const shown = /\s/.test(keyword) ? `"${keyword}"` : keyword.toUpperCase();
  return `If it can't wait, reply with ${shown} at the top of your message and ${input.backupName} will pick it up.`;
}
