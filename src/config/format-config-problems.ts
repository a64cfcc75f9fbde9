import type { ConfigProblem } from './config-problem.js';

/** One problem as one line: "clients/acme.yaml line 7, hours.mon-fri[1]: '13:30-1700' is not HH:MM-HH:MM". */
export function formatConfigProblem(problem: ConfigProblem): string {
  const where = `${problem.file} line ${problem.line}`;
  return problem.keyPath === ''
    ? `${where}: ${problem.message}`
    : `${where}, ${problem.keyPath}: ${problem.message}`;
}

/** Every problem, one per line under a heading, in file and line order. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const heading =
    problems.length === 1
      ? 'The config has 1 problem:'
      : `The config has ${problems.length} problems:`;
  return [heading, ...problems.map((problem) => `  ${formatConfigProblem(problem)}`)].join('\n');
}
