const wallTimePattern = /^([01]?\d|2[0-4]):([0-5]\d)$/;

/**
 * Minutes after midnight of a wall time written 'HH:MM' (or 'H:MM'), or null when the text is
 * not one. '24:00' is accepted only when `allowEndOfDay` is set, because it can end an
 * interval but cannot start one or be a check-in time.
 */
export function parseWallTime(text: string, allowEndOfDay = false): number | null {
  const match = wallTimePattern.exec(text.trim());
  if (match === null) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (minutes > 24 * 60 || (minutes === 24 * 60 && !allowEndOfDay)) return null;
  return minutes;
}
