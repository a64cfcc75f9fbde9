/**
 * Words that negate an emergency keyword right after them ("not urgent", "kein Notfall",
 * "pas d'urgence"), and the few words that may stand between ("not very urgent", "no es
 * urgente", "rien d'urgent"), per language. Kept as data: a language is added here, not in
 * code. All languages apply at once, whatever the configured keywords' language, because a
 * client writes in their own language whatever the VA configured.
 */
export const negationWords: Readonly<
  Record<string, { readonly negators: readonly string[]; readonly fillers: readonly string[] }>
> = {
  en: {
    negators: ['not', 'non', 'no', 'nothing', 'never', "isn't", "aren't", "wasn't", 'without'],
    fillers: [
      'a',
      'an',
      'very',
      'really',
      'so',
      'too',
      'that',
      'particularly',
      'terribly',
      'real',
      'big',
      'much',
      'of',
      'at',
      'all',
    ],
  },
  de: {
    negators: ['nicht', 'kein', 'keine', 'keinen', 'keiner', 'keines', 'nichts', 'ohne'],
    fillers: [
      'so',
      'sehr',
      'besonders',
      'wirklich',
      'allzu',
      'zu',
      'ein',
      'eine',
      'ganz',
      'gar',
      'richtig',
      'großer',
      'große',
    ],
  },
  fr: {
    negators: ['pas', 'non', 'rien', 'aucun', 'aucune', 'sans', 'jamais'],
    fillers: [
      'très',
      'si',
      'trop',
      'vraiment',
      'une',
      'un',
      "d'",
      'de',
      'du',
      'tellement',
      'particulièrement',
      'grand',
      'grande',
    ],
  },
  es: {
    negators: ['no', 'nada', 'sin', 'ningún', 'ninguna', 'ninguno', 'nunca'],
    fillers: [
      'es',
      'muy',
      'tan',
      'demasiado',
      'una',
      'un',
      'de',
      'hay',
      'realmente',
      'está',
      'sea',
      'mucha',
      'ninguna',
    ],
  },
  it: {
    negators: ['non', 'niente', 'nessun', 'nessuna', 'nessuno', 'senza', 'mai'],
    fillers: [
      'è',
      "e'",
      'molto',
      'così',
      'troppo',
      'una',
      'un',
      'di',
      'proprio',
      'affatto',
      'particolarmente',
    ],
  },
  nl: {
    negators: ['niet', 'geen', 'niets', 'zonder', 'nooit'],
    fillers: ['zo', 'erg', 'heel', 'echt', 'te', 'een', 'bijzonder', 'grote'],
  },
  pt: {
    negators: ['não', 'nao', 'nada', 'sem', 'nenhum', 'nenhuma', 'nunca'],
    fillers: ['é', 'muito', 'tão', 'tao', 'uma', 'um', 'de', 'há', 'está', 'tem', 'tanta'],
  },
  sv: {
    negators: ['inte', 'ej', 'icke', 'ingen', 'inget', 'inga', 'utan', 'aldrig'],
    fillers: [
      'så',
      'särskilt',
      'speciellt',
      'alls',
      'något',
      'nån',
      'direkt',
      'en',
      'ett',
      'är',
      'någon',
    ],
  },
  da: {
    negators: ['ikke', 'ingen', 'intet', 'uden', 'aldrig'],
    fillers: ['så', 'særlig', 'specielt', 'en', 'et', 'er', 'noget'],
  },
  nb: {
    negators: ['ikke', 'ingen', 'intet', 'uten', 'aldri'],
    fillers: ['så', 'spesielt', 'en', 'et', 'er', 'noe'],
  },
  pl: {
    negators: ['nie', 'bez', 'żaden', 'żadna', 'żadne', 'nic'],
    fillers: ['jest', 'bardzo', 'tak', 'zbyt', 'aż', 'specjalnie', 'pilnego'],
  },
};
