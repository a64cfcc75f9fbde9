import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  findUnknownPlaceholders,
  templatePlaceholders,
  type TemplateValues,
} from '../../../src/triage/fill-template.js';

const values: TemplateValues = {
  subject: 'Q3 budget review',
  senderName: 'Olivia Park',
  senderAddress: 'olivia.park@acme.example',
  clientName: 'Acme Corp',
  assistantName: 'Dana Reyes',
  resumeAt: 'on Friday 27 November at 11:00',
  backupName: 'Sam Ortiz',
  backupAddress: 'sam@studio.example',
  howToEscalate: 'If it can’t wait, reply with URGENT at the top of your message.',
};

describe('fillTemplate', () => {
  it.each<[name: string, template: string, filled: string]>([
    ['subject', 'Auto: {{subject}}', 'Auto: Q3 budget review'],
    ['senderName', 'Hi {{senderName}},', 'Hi Olivia Park,'],
    ['senderAddress', '<{{senderAddress}}>', '<olivia.park@acme.example>'],
    ['clientName', 'for {{clientName}}', 'for Acme Corp'],
    ['assistantName', '- {{assistantName}}', '- Dana Reyes'],
    ['resumeAt', 'back {{resumeAt}}', 'back on Friday 27 November at 11:00'],
    ['backupName', 'ask {{backupName}}', 'ask Sam Ortiz'],
    ['backupAddress', 'at {{backupAddress}}', 'at sam@studio.example'],
    ['spaces inside the braces', '{{ senderName }} / {{clientName  }}', 'Olivia Park / Acme Corp'],
    ['the same placeholder twice', '{{backupName}} and {{backupName}}', 'Sam Ortiz and Sam Ortiz'],
    [
      'several on several lines',
      'Hi {{senderName}},\n{{resumeAt}}\n',
      'Hi Olivia Park,\non Friday 27 November at 11:00\n',
    ],
    ['an unknown placeholder is kept as written', 'Hi {{ firstName }}', 'Hi {{ firstName }}'],
    ['case matters: a miscased name is unknown', '{{SenderName}}', '{{SenderName}}'],
    ['single braces are text', '{senderName}', '{senderName}'],
    ['an unclosed placeholder is text', '{{senderName', '{{senderName'],
    ['no placeholders', 'Back soon.', 'Back soon.'],
    ['empty template', '', ''],
  ])('%s', (_name, template, filled) => {
    expect(fillTemplate(template, values)).toBe(filled);
  });

  it('does not expand placeholders that appear inside a value', () => {
    const hostile = { ...values, subject: '{{backupAddress}} $& $1' };
    expect(fillTemplate('Auto: {{subject}}', hostile)).toBe('Auto: {{backupAddress}} $& $1');
  });

  it('knows every TemplateValues key as a placeholder', () => {
    const template = templatePlaceholders.map((name) => `{{${name}}}`).join('|');
    expect(fillTemplate(template, values)).toBe(Object.values(values).join('|'));
  });
});

describe('findUnknownPlaceholders', () => {
  it.each<[name: string, template: string, unknown: string[]]>([
    ['only known ones', 'Hi {{senderName}}, back {{ resumeAt }}.', []],
    ['a typo', 'Hi {{sendername}}', ['sendername']],
    [
      'several, in order, repeats kept',
      '{{foo}} {{subject}} {{bar}} {{foo}}',
      ['foo', 'bar', 'foo'],
    ],
    ['not a placeholder at all', '{{ first name }} {senderName} {{sender_name}}', []],
    ['empty template', '', []],
  ])('%s', (_name, template, unknown) => {
    expect(findUnknownPlaceholders(template)).toEqual(unknown);
  });
});

describe('fillTemplate with an empty {{howToEscalate}}', () => {
  const empty = { ...values, howToEscalate: '' };
  it.each<[name: string, template: string, filled: string]>([
    ['its line and the blank after it go', 'Hi,\n\n{{howToEscalate}}\n\nBye\n', 'Hi,\n\nBye\n'],
    ['a last line goes, the final newline stays', 'Hi,\n{{howToEscalate}}\n', 'Hi,\n'],
    ['inside a sentence it leaves the sentence', 'Back soon. {{howToEscalate}}\n', 'Back soon. \n'],
    ['a line of other text stays', 'Ask {{backupName}}\n', 'Ask Sam Ortiz\n'],
  ])('%s', (_name, template, filled) => {
    expect(fillTemplate(template, empty)).toBe(filled);
  });

  it('keeps the line when it is filled', () => {
    expect(fillTemplate('Hi,\n\n{{howToEscalate}}\n\nBye', values)).toBe(
      `Hi,\n\n${values.howToEscalate}\n\nBye`,
    );
  });
});
