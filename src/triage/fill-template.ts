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
];

const placeholderPattern = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

function isPlaceholder(name: string): name is keyof TemplateValues {
  return (templatePlaceholders as readonly string[]).includes(name);
}

/** Unknown placeholders are left as written, so a typo shows in the reply preview instead of vanishing. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(placeholderPattern, (whole, name: string) =>
    isPlaceholder(name) ? values[name] : whole,
  );
}

/** Names in a template that are not placeholders offhours knows, for the config checker. */
export function findUnknownPlaceholders(template: string): string[] {
  return [...template.matchAll(placeholderPattern)]
    .map((match) => match[1] ?? '')
    .filter((name) => !isPlaceholder(name));
}
