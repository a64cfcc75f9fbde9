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
 * (`team-bounces@`, `neko-admin@`, Mailman's `team-confirm+cookie@`). Only a separator may join the name, so a person or a
 * service with a longer word (`bounceback@`, `notificationsteam@`) is not taken for one.
 */
const systemPrefixPattern =
  /^(?:no-?reply|no_reply|do-?not-?reply|do_not_reply|bounces?|mailer-daemon|postmaster|owner)[-_.+=]/;
const systemSuffixPattern =
  /[-_.+](?:no-?reply|no_reply|do-?not-?reply|donotreply|bounces?|request|owner|admin|confirm|join|leave|mailer-daemon)$/;
const noReplyPattern = /no-?reply|no_reply|do-?not-?reply|do_not_reply/;
/** Exchange's system mailbox: MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@. */
const exchangeSystemPattern = /^microsoftexchange[0-9a-f]{32}$/;

/** mlmmj and ezmlm write the list manager's role as a tag: list+owner@, list+help@. */
const listManagerTags: ReadonlySet<string> = new Set([
  'owner',
  'bounces',
  'bounce',
  'request',
  'subscribe',
  'unsubscribe',
]);

export type SenderKind = 'system' | 'role';

/** What kind of robot the address (or a bare local part) belongs to, or null for anyone else. */
export function classifySender(address: string): SenderKind | null {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  const fullLocalPart = at === -1 ? trimmed : trimmed.slice(0, at);
  if (fullLocalPart === '') return null;
  // A tag after '+' names a store, an account or a VERP token: the name before it is what counts.
  const plus = fullLocalPart.indexOf('+');
  const localPart = plus > 0 ? fullLocalPart.slice(0, plus) : fullLocalPart;
  if (systemLocalParts.has(localPart)) return 'system';
  if (roleLocalParts.has(localPart)) return 'role';
  const isSystem =
    localPart.includes('-request') ||
    systemPrefixPattern.test(localPart) ||
    systemSuffixPattern.test(localPart) ||
    noReplyPattern.test(localPart) ||
    exchangeSystemPattern.test(localPart) ||
    (plus > 0 && listManagerTags.has(fullLocalPart.slice(plus + 1)));
  return isSystem ? 'system' : null;
}
