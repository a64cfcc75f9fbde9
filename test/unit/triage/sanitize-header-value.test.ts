import { describe, expect, it } from 'vitest';
import { sanitizeHeaderValue } from '../../../src/triage/sanitize-header-value.js';

describe('sanitizeHeaderValue', () => {
  it.each<[name: string, value: string, clean: string]>([
    ['plain text is unchanged', 'Q3 budget review', 'Q3 budget review'],
    ['CRLF header injection', 'Hi\r\nBcc: all@victim.example', 'Hi Bcc: all@victim.example'],
    ['CRLF CRLF body injection', 'Hi\r\n\r\nbody text', 'Hi body text'],
    ['lone LF', 'a\nb', 'a b'],
    ['lone CR', 'a\rb', 'a b'],
    ['folded header whitespace', 'a\r\n\tb', 'a b'],
    ['NUL, BEL, ESC and DEL', 'a\u0000b\u0007c\u001bd\u007fe', 'a b c d e'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a b c'],
    ['runs of spaces and tabs collapse', 'a  \t  b', 'a b'],
    ['no-break and ideographic spaces collapse', 'a\u00a0b\u3000c', 'a b c'],
    ['ends trimmed', '  \r\n Hello \r\n ', 'Hello'],
    ['only control characters', '\r\n\t\u0000', ''],
    ['empty', '', ''],
    [
      'non-ASCII text is kept',
      'Abwesenheitsnotiz: Grüße – 会議',
      'Abwesenheitsnotiz: Grüße – 会議',
    ],
  ])('%s', (_name, value, clean) => {
    expect(sanitizeHeaderValue(value)).toBe(clean);
  });

  it.each<[name: string, value: string, maxLength: number | undefined, clean: string]>([
    ['exactly the default 200 is kept', 'x'.repeat(200), undefined, 'x'.repeat(200)],
    ['201 is cut to 199 and an ellipsis', 'x'.repeat(201), undefined, `${'x'.repeat(199)}…`],
    ['a custom limit', 'abcdefghij', 5, 'abcd…'],
    ['the limit applies after flattening', 'ab\r\n\r\n\r\ncd', 5, 'ab cd'],
  ])('%s', (_name, value, maxLength, clean) => {
    expect(sanitizeHeaderValue(value, maxLength)).toBe(clean);
  });
});
