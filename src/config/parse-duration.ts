const durationPattern = /^(\d+)\s*([smhdw])$/;
const secondsPerUnit = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 } as const;

/** Seconds in a duration written '90s', '30m', '36h', '4d' or '1w', or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const match = durationPattern.exec(text.trim().toLowerCase());
  if (match === null) return null;
  const unit = match[2] as keyof typeof secondsPerUnit;
  return Number(match[1]) * secondsPerUnit[unit];
}
