/** One scenario's figures and how they read as a row of the fault suite's table. */
export interface ScenarioFigures {
  readonly scenario: string;
  readonly messages: number;
  readonly lost: number;
  readonly duplicateReplies: number;
  readonly duplicateForwards: number;
  /** Seconds to recover, or null when the scenario has no outage to recover from. */
  readonly recoverySeconds: number | null;
  readonly note: string;
}

export const figureColumns = [
  'scenario',
  'messages',
  'lost',
  'dup replies',
  'dup forwards',
  'recovery s',
  'note',
] as const;

export function toFigureRow(figures: ScenarioFigures): string[] {
  return [
    figures.scenario,
    String(figures.messages),
    String(figures.lost),
    String(figures.duplicateReplies),
    String(figures.duplicateForwards),
    figures.recoverySeconds === null ? '-' : figures.recoverySeconds.toFixed(1),
    figures.note,
  ];
}
