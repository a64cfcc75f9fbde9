import { negationWords } from './negation-words.js';

const negators: ReadonlySet<string> = new Set(
  Object.values(negationWords).flatMap((language) => language.negators.map(normalizeWord)),
);
const fillers: ReadonlySet<string> = new Set(
  Object.values(negationWords).flatMap((language) => language.fillers.map(normalizeWord)),
);

/** How far back a negation is looked for: a negator and a few fillers fit, a sentence does not. */
const lookBehindChars = 60;
const maxFillers = 3;
/** A negation does not reach across a sentence or clause ("No, this is urgent"). */
const clauseBreak = /[.,;:!?()[\]{}"“”„«»<>|/\\]/u;

/**
 * Whether the keyword that starts at `index` in `text` is negated: right after a negator,
 * with at most three filler words between ("not urgent", "non-urgent", "not an emergency",
 * "no es urgente", "rien d'urgent"). A keyword before a negator ("URGENT: not working") is
 * not negated. Looks at a bounded stretch before the keyword, so matching stays linear.
 */
export function isNegated(text: string, index: number): boolean {
  const start = Math.max(0, index - lookBehindChars);
  const before = text.slice(start, index);
  const previous = before.at(-1);
  if (previous !== undefined && !/[\s'’*\-‐–]/u.test(previous)) return false;
  const words = readWordsBackwards(before, start > 0);
  for (const [position, word] of words.entries()) {
    if (negators.has(word)) return true;
    if (position >= maxFillers || !fillers.has(word)) return false;
  }
  return false;
}

/**
 * The words right before the keyword, nearest first, up to a clause break. When the stretch
 * was cut from a longer text and holds no break, its first word may be the tail of a longer
 * one ("can|not") and is dropped.
 */
function readWordsBackwards(before: string, cut: boolean): string[] {
  let clause = before;
  let broken = false;
  for (let index = before.length - 1; index >= 0; index -= 1) {
    if (clauseBreak.test(before[index] ?? '')) {
      clause = before.slice(index + 1);
      broken = true;
      break;
    }
  }
  const words = clause.replace(/’/gu, "'").split(/[\s\-‐–]+/u);
  if (cut && !broken) words.shift();
  return words
    .map(normalizeWord)
    .filter((word) => word !== '')
    .reverse();
}

/** Lower-cased, without marks around it (`*not*`), keeping a trailing apostrophe (`d'`). */
function normalizeWord(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/’/gu, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu, '');
}
