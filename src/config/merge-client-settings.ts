import type { ClientDefaults } from './config-schema.js';

function mergeSection<T extends object>(sections: readonly (T | undefined)[]): T | undefined {
  const present = sections.filter((section): section is T => section !== undefined);
  if (present.length === 0) return undefined;
  return Object.assign(
    {},
    ...present.map((section) =>
      Object.fromEntries(Object.entries(section).filter(([, value]) => value !== undefined)),
    ),
  ) as T;
}

/**
 * Client settings from layers, later layers winning: built-in defaults, then `defaults` in
 * offhours.yaml, then the client file. A key replaces the earlier value as a whole (hours,
 * checkIns and daysOff lists included, and replyWithin), except inside emergency, autoReply and
 * announce, where each key is taken separately so a client can change one template and keep the rest.
 */
export function mergeClientSettings(layers: readonly ClientDefaults[]): ClientDefaults {
  const pick = <K extends keyof ClientDefaults>(key: K): ClientDefaults[K] =>
    layers.reduce<ClientDefaults[K]>((found, layer) => layer[key] ?? found, undefined);
  const merged: ClientDefaults = {};
  const timezone = pick('timezone');
  const hours = pick('hours');
  const checkIns = pick('checkIns');
  const daysOff = pick('daysOff');
  const replyWithin = pick('replyWithin');
  const emergency = mergeSection(layers.map((layer) => layer.emergency));
  const autoReply = mergeSection(layers.map((layer) => layer.autoReply));
  const announce = mergeSection(layers.map((layer) => layer.announce));
  if (timezone !== undefined) merged.timezone = timezone;
  if (hours !== undefined) merged.hours = hours;
  if (checkIns !== undefined) merged.checkIns = checkIns;
  if (daysOff !== undefined) merged.daysOff = daysOff;
  if (replyWithin !== undefined) merged.replyWithin = replyWithin;
  if (emergency !== undefined) merged.emergency = emergency;
  if (autoReply !== undefined) merged.autoReply = autoReply;
  if (announce !== undefined) merged.announce = announce;
  return merged;
}
