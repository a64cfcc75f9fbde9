/**
 * Reply and forward prefixes mail clients put before a subject, in the languages they ship
 * ("Re:", "AW:", "SV:", "RIF:", "回复:"...). Kept as data.
 */
const replyPrefixes = [
  're',
  'aw',
  'antw',
  'antwort',
  'sv',
  'vs',
  'vl',
  'fs',
  'r',
  'rif',
  'ref',
  'res',
  'rv',
  'tr',
  'fw',
  'fwd',
  'wg',
  'odp',
  'pd',
  'ynt',
  'ilt',
  'vá',
  'továbbítás',
  'απ',
  'σχετ',
  'отв',
  'رد',
  '回复',
  '回覆',
  '答复',
  '転送',
  '返信',
  '답장',
  '전달',
];

const placeholder = /\{\{\s*[A-Za-z]+\s*\}\}/;

/**
 * The part of a reply's subject its sender wrote: what stands before the first reply prefix
 * ("Re:") or before the text of offhours' own subject template ("Auto:"). A client answering
 * "Auto: URGENT: site down" with "Re: Auto: URGENT: site down" added nothing, while
 * "URGENT Re: Auto: invoice" added "URGENT". Only for replies to offhours' own mail.
 */
export function readFreshSubject(subject: string, subjectTemplate: string): string {
  const ownPrefix = (subjectTemplate.split(placeholder, 1)[0] ?? '').trim();
  const pattern = compileInheritedStart(ownPrefix);
  const match = pattern.exec(subject);
  return match === null ? subject : subject.slice(0, match.index);
}

const patternCache = new Map<string, RegExp>();

function compileInheritedStart(ownPrefix: string): RegExp {
  const cached = patternCache.get(ownPrefix);
  if (cached !== undefined) return cached;
  const alternatives = replyPrefixes.map(
    (prefix) => `(?<![\\p{L}\\p{N}])${escapeRegExp(prefix)}\\s*(?:\\[\\d+\\]\\s*)?[:：]`,
  );
  if (ownPrefix !== '') alternatives.push(escapeRegExp(ownPrefix.normalize('NFC')));
  const pattern = new RegExp(alternatives.join('|'), 'iu');
  patternCache.set(ownPrefix, pattern);
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
