/**
 * The client file most daemon tests use: Acme Corp, mail from acme.example, weekday hours
 * 09:00-17:00 UTC and a 22:00 check-in, so an evening instant is out of hours with a
 * release due the same night. `extra` lines are appended (an emergency rule, say).
 */
export function composeAcmeClient(extra: readonly string[] = []): string {
  return [
    'name: Acme Corp',
    'match: { domains: [acme.example] }',
    'timezone: UTC',
    'hours:',
    '  mon-fri: ["09:00-17:00"]',
    'checkIns: ["22:00"]',
    ...extra,
    '',
  ].join('\n');
}
