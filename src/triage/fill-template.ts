/** Values a reply template may use as {{name}}. */
export interface TemplateValues {
  readonly subject: string;
  readonly senderName: string;
  readonly senderAddress: string;
  readonly clientName: string;
  readonly assistantName: string;
  readonly resumeAt: string;
  readonly backupName: string;
  readonly backupAddress: string;
  /** How this sender can raise an emergency, or '' when they cannot (describeHowToEscalate). */
  readonly howToEscalate: string;
}

export const templatePlaceholders: readonly (keyof TemplateValues)[] = [
  'subject',
  'senderName',
  'senderAddress',
  'clientName',
  'assistantName',
  'resumeAt',
  'backupName',
  'backupAddress',
  'howToEscalate',
];

/** Values an announcement template may use as {{name}} (planAnnouncements fills them). */
export interface AnnouncementValues {
  readonly clientName: string;
  readonly assistantName: string;
  readonly recipientAddress: string;
  /** When the VA is away: "on Thursday 24 December", "from … to …", with times for a timed absence. */
  readonly away: string;
  /** When mail is read again, on the client's wall clock. */
  readonly resumeAt: string;
  readonly backupName: string;
  readonly backupAddress: string;
  readonly howToEscalate: string;
}

export const announcementPlaceholders: readonly (keyof AnnouncementValues)[] = [
  'clientName',
  'assistantName',
  'recipientAddress',
  'away',
  'resumeAt',
  'backupName',
  'backupAddress',
  'howToEscalate',
];

const placeholderPattern = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

const onlyPlaceholders = /^[ \t]*(?:\{\{\s*[A-Za-z]+\s*\}\}[ \t]*)+$/;

/**
 * Unknown placeholders are left as written, so a typo shows in the reply preview instead of
 * vanishing. A line holding nothing but placeholders that all come out empty (an empty
 * {{howToEscalate}}) is dropped with the blank line after it, so no gap is left in the text.
 */
export function fillTemplate<Name extends string>(
  template: string,
  values: Readonly<Record<Name, string>>,
): string {
  const known: Readonly<Record<string, string>> = values;
  const fill = (text: string): string =>
    text.replace(placeholderPattern, (whole, name: string) =>
      Object.hasOwn(known, name) ? (known[name] ?? whole) : whole,
    );
  const lines = template.split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const filled = fill(line);
    if (onlyPlaceholders.test(line) && filled.trim() === '') {
      if ((lines[index + 1] ?? 'x').trim() === '' && index + 1 < lines.length - 1) index += 1;
      continue;
    }
    kept.push(filled);
  }
  return kept.join('\n');
}

/** Names in a template that are not among `known` (a reply's placeholders by default), for the config checker. */
export function findUnknownPlaceholders(
  template: string,
  known: readonly string[] = templatePlaceholders,
): string[] {
  return [...template.matchAll(placeholderPattern)]
    .map((match) => match[1] ?? '')
    .filter((name) => !known.includes(name));
}
