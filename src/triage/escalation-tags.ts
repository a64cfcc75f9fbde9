/**
 * How a forwarded emergency names its escalation, so that the backup's reply can be
 * recognised whatever the mail program keeps of it: a tag in the subject (replies keep
 * the subject behind "Re:") and a +tag on the VA's address in Reply-To (the reply is
 * addressed to it). The token is hex, made by the shell from the mailbox and the message.
 */
export const escalationTags = {
  subject: (token: string): string => `[Emergency #${token}]`,
  /** The VA's address with the token as a +tag: dana+emergency-TOKEN@studio.example. */
  plusAddress: (token: string, address: string): string => {
    const at = address.lastIndexOf('@');
    if (at <= 0) return address;
    const local = address.slice(0, at);
    const plus = local.indexOf('+');
    return `${plus === -1 ? local : local.slice(0, plus)}+emergency-${token}${address.slice(at)}`;
  },
  subjectPattern: /\[emergency #([0-9a-f]{10})\]/gi,
  plusPattern: /\+emergency-([0-9a-f]{10})@/i,
} as const;
