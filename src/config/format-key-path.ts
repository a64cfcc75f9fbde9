/** A zod or YAML path as a VA reads it: ['hours', 'mon-fri', 1] → 'hours.mon-fri[1]'. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}
