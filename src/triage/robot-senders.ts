/**
 * The one list of robot senders (auto-reply-rules.md, rule 6), by local part.
 *
 * `system` senders are mail systems, list managers and daemons: Pigeonhole's vacation action
 * refuses MAILER-DAEMON, LISTSERV, majordomo, any `*-request` and any `owner-*`; the rest are
 * the system senders seen in real mail, which never read a reply.
 */
const systemLocalParts: ReadonlySet<string> = new Set([
  'mailer-daemon',
  'mailerdaemon',
  'mail-daemon',
  'maildaemon',
  'mdaemon',
  'listserv',
  'majordomo',
  'mailman',
  'sympa',
  'ecartis',
  'postmaster',
  'post_master',
  'post-master',
  'noreply',
  'no-reply',
  'no_reply',
  'donotreply',
  'do-not-reply',
  'do_not_reply',
  'bounce',
  'bounces',
  'returns',
  'notification',
  'notifications',
  'autoreply',
  'auto-reply',
  'autoresponder',
  'root',
  'cron',
  'daemon',
  'nobody',
  'www-data',
  'apache',
  'nginx',
  'mailer',
  'calendar-notification',
  'calendar-server',
]);

/**
 * `role` senders are shops, payment and shipping services, alerts and newsletters: mail a
 * machine sends on a company's behalf. Names people commonly write from (info@, sales@,
 * support@, office@, accounts@) are deliberately absent; `autoReply.alwaysReplyTo` covers
 * the person who writes from one of these.
 */
const roleLocalParts: ReadonlySet<string> = new Set([
  'orders',
  'order',
  'order-update',
  'order-updates',
  'order-confirm',
  'order-confirmation',
  'ship-confirm',
  'shipment-tracking',
  'shipping',
  'shipping-notification',
  'auto-confirm',
  'auto-confirmation',
  'digital-no-reply',
  'service',
  'billing',
  'invoice',
  'invoices',
  'receipt',
  'receipts',
  'payments',
  'payment',
  'alert',
  'alerts',
  'news',
  'newsletter',
  'newsletters',
  'marketing',
  'promo',
  'promotions',
  'offers',
  'deals',
  'digest',
  'updates',
  'automated',
  'system',
  'reminder',
  'reminders',
  'survey',
  'surveys',
  'welcome',
  'verify',
  'verification',
  'account-update',
  'account-security',
  'security-alert',
  'abuse',
  'dmarc',
  'dmarc-reports',
  'dmarcreport',
  'jira',
  'jenkins',
  'builds',
  'nagios',
  'zabbix',
  'monitoring',
  'alertmanager',
]);

/**
 * Robot names often carry a suffix or prefix: VERP bounces (`bounces+1234-x=y@esp.example`),
 * tagged no-reply boxes (`noreply-billing@`, `newsalerts-noreply@`), list addresses
 * (`team-bounces@`, `neko-admin@`). Only a separator may join the name, so a person or a
 * service with a longer word (`bounceback@`, `notificationsteam@`) is not taken for one.
 */
const systemPrefixPattern =
  /^(?:no-?reply|no_reply|do-?not-?reply|do_not_reply|bounces?|mailer-daemon|postmaster|owner)[-_.+=]/;
const systemSuffixPattern =
  /[-_.+](?:no-?reply|no_reply|do-?not-?reply|donotreply|bounces?|request|owner|admin|mailer-daemon)$/;
const noReplyPattern = /no-?reply|no_reply|do-?not-?reply|do_not_reply/;
/**
 * List-manager command addresses with a VERP or confirmation tag: Mailman's
 * `team-confirm+4f6a1b@`, `team-bounces+dana=va.example@`, `team-join+...@`.
 */
const listCommandPattern =
  /[-_.](?:confirm|bounces?|request|owner|join|leave|subscribe|unsubscribe)\+/;
/** Exchange's system mailbox: MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@. */
const exchangeSystemPattern = /^microsoftexchange[0-9a-f]{32}$/;

export type SenderKind = 'system' | 'role';

/** What kind of robot the address (or a bare local part) belongs to, or null for anyone else. */
export function classifySender(address: string): SenderKind | null {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  const localPart = at === -1 ? trimmed : trimmed.slice(0, at);
  if (localPart === '') return null;
  if (
    systemLocalParts.has(localPart) ||
    localPart.includes('-request') ||
    systemPrefixPattern.test(localPart) ||
    systemSuffixPattern.test(localPart) ||
    noReplyPattern.test(localPart) ||
    listCommandPattern.test(localPart) ||
    exchangeSystemPattern.test(localPart)
  ) {
    return 'system';
  }
  // A tag does not make a role box personal: receipts+acct_1AbC@ is still receipts@.
  const untagged = localPart.split('+', 1)[0] ?? '';
  return roleLocalParts.has(localPart) || roleLocalParts.has(untagged) ? 'role' : null;
}
