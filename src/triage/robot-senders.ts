/**
 * The one list of system and no-reply local parts (auto-reply-rules.md, rule 6). Pigeonhole's
 * vacation action refuses MAILER-DAEMON, LISTSERV, majordomo, any `*-request` and any `owner-*`;
 * the rest are the robot senders seen in real mail, which never read a reply.
 */
const robotLocalParts: ReadonlySet<string> = new Set([
  'mailer-daemon',
  'listserv',
  'majordomo',
  'postmaster',
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
  'bounce',
  'bounces',
  'notification',
  'notifications',
  'autoreply',
  'auto-reply',
]);

/**
 * Robot names often carry a suffix: VERP bounces (`bounces+1234-x=y@esp.example`), tagged
 * no-reply boxes (`noreply-billing@`). Only a separator may follow the name, so a person or
 * a service with a longer word (`bounceback@`, `notificationsteam@`) is not taken for one.
 */
const robotPrefixPattern =
  /^(?:no-?reply|no_reply|do-?not-?reply|do_not_reply|bounces?|mailer-daemon|postmaster)[-_.+=]/;

/** True when the address (or a bare local part) belongs to a system or no-reply sender. */
export function isRobotSender(address: string): boolean {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  const localPart = at === -1 ? trimmed : trimmed.slice(0, at);
  if (localPart === '') {
    return false;
  }
  return (
    robotLocalParts.has(localPart) ||
    localPart.includes('-request') ||
    localPart.startsWith('owner-') ||
    robotPrefixPattern.test(localPart)
  );
}
