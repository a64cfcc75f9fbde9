/**
 * Sentences with which challenge-response systems (Bluebottle, SpamArrest, Boxbe, Mailwasher,
 * TMDA) ask the sender to prove they are a person: data, not code. Lower case; matched in the
 * start of the message's own text.
 */
export const challengePhrases: readonly string[] = [
  'this account is protected by',
  'added to the recipient’s allowed list',
  "added to the recipient's allowed list",
  'to have your address added to',
  'add you to my list of approved senders',
  'added to my list of approved senders',
  'i am using a spam filter that requires',
  'i use a challenge-response',
  'uses a challenge-response',
  'please verify that you are a human',
  'prove that you are a human',
  'verify that you are a real person',
  'your message is being held until you verify',
  'your email is awaiting your verification',
  'sender verification',
];
