import { automatedSubjects, type SubjectKind } from './automated-subjects.js';

interface KindMatcher {
  readonly kind: SubjectKind;
  readonly prefix: RegExp | null;
  readonly anywhere: readonly string[];
}

/** Longest subject read; robots' subjects say what they are in the first words. */
const maxSubjectChars = 500;

/**
 * One anchored alternation per kind, built once from the data. An opening bracket may come
 * first; a colon, bracket, dash, '#' or the end must follow, so "Read: Q3 notes" is a receipt
 * and "Reading list for Q3" is not.
 */
const matchers: readonly KindMatcher[] = compileMatchers();

function compileMatchers(): KindMatcher[] {
  const kinds = [...new Set(automatedSubjects.map((entry) => entry.kind))];
  return kinds.map((kind) => {
    const entries = automatedSubjects.filter((entry) => entry.kind === kind);
    const prefixes = entries.flatMap((entry) => entry.prefixes);
    const anywhere = entries.flatMap((entry) => entry.anywhere ?? []);
    const alternatives = [...new Set(prefixes)]
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|');
    return {
      kind,
      prefix:
        alternatives === ''
          ? null
          : new RegExp(`^[\\[【(（«"']?(?:${alternatives}) ?(?:[:：\\]】)）(»"'#-]|$)`, 'u'),
      anywhere,
    };
  });
}

/**
 * Reply and forward markers of mail programs in many languages (Re, Fwd, AW, WG, TR, RV,
 * SV, VS, Odp, YNT, 回复, 转发...): a subject starting with one is a person answering or
 * passing on a message, "Fwd: Undelivered Mail Returned to Sender" included.
 */
const replyOrForwardPattern =
  /^(?:re|fwd?|aw|wg|tr|rv|sv|vs|vl|odp|pd|ynt|ilt|iltr|antw|rif|enc|res|doorst|fs|továbbítás|välitä|回复|回覆|转发|轉寄|답장|전달)\s*(?:\[\d+\])?\s*[:：]/u;

/** The kind of robot subject this is, or null for a subject a person could have written. */
export function matchAutomatedSubject(subject: string): SubjectKind | null {
  const normalized = normalizeSubject(subject);
  if (normalized === '' || replyOrForwardPattern.test(normalized)) return null;
  for (const matcher of matchers) {
    if (matcher.prefix?.test(normalized) === true) return matcher.kind;
    if (matcher.anywhere.some((phrase) => normalized.includes(phrase))) return matcher.kind;
  }
  return null;
}

function normalizeSubject(subject: string): string {
  return subject
    .slice(0, maxSubjectChars)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u00a0\u3000]+/gu, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
