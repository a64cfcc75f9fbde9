/** A zone as people name it: America/New_York is "New York", Etc/UTC and UTC are "UTC". */
export function nameTimeZone(timeZone: string): string {
  if (/^(Etc\/)?(UTC|GMT|Zulu|UCT)$/i.test(timeZone)) return 'UTC';
  const city = timeZone.split('/').pop() ?? timeZone;
  return city.replaceAll('_', ' ');
}
