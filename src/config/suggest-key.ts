function measureEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known key an unknown key was probably meant to be ('timeZone' → 'timezone',
 * 'checkins' → 'checkIns'), or undefined when none is close. Case is ignored because
 * capitalisation is the commonest slip.
 */
export function suggestKey(unknown: string, known: readonly string[]): string | undefined {
  const allowed = Math.max(1, Math.floor(unknown.length / 4));
  let best: { key: string; distance: number } | undefined;
  for (const key of known) {
    const distance = measureEditDistance(unknown.toLowerCase(), key.toLowerCase());
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { key, distance };
    }
  }
  return best?.key;
}
