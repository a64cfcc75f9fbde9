/**
 * Lines that open the quoted or forwarded history in plain text, as mail clients write them
 * in many languages. Everything from such a line on belongs to an earlier message.
 */
const separatorPattern = new RegExp(
  '^[-_=*\\s]*(?:' +
    [
      'original message',
      'forwarded message',
      'begin forwarded message',
      'weitergeleitete nachricht',
      'ursprüngliche nachricht',
      'originalnachricht',
      'anfang der weitergeleiteten nachricht',
      "message d'origine",
      'message transféré',
      'début du message réexpédié',
      'début du message transféré',
      'mensaje original',
      'mensaje reenviado',
      'messaggio originale',
      'messaggio inoltrato',
      'oorspronkelijk bericht',
      'origineel bericht',
      'doorgestuurd bericht',
      'mensagem original',
      'mensagem encaminhada',
      'ursprungligt meddelande',
      'vidarebefordrat meddelande',
      'oprindelig meddelelse',
      'videresendt meddelelse',
      'opprinnelig melding',
      'videresendt melding',
      'alkuperäinen viesti',
      'välitetty viesti',
      'wiadomość oryginalna',
      'oryginalna wiadomość',
      'przekazana wiadomość',
      'původní zpráva',
      'přeposlaná zpráva',
      'исходное сообщение',
      'пересылаемое сообщение',
      'пересланное сообщение',
      'αρχικό μήνυμα',
      'eredeti üzenet',
      'továbbított üzenet',
      'orijinal mesaj',
      'iletilen ileti',
      '原始邮件',
      '转发的邮件',
      '原始郵件',
      '元のメッセージ',
      '転送されたメッセージ',
      '원본 메시지',
      '전달된 메시지',
    ].join('|') +
    ')\\s*[-_=*:]*\\s*$',
  'iu',
);

/** Outlook's quoted header block: a From line followed within a few lines by Sent/Date/To. */
const fromLinePattern = new RegExp(
  '^\\*?(?:from|von|de|da|van|från|fra|od|lähettäjä|feladó|kimden|от|від|από|寄件者|发件人|送信者|보낸 사람)\\*?\\s*[:：]',
  'iu',
);
const blockLinePattern = new RegExp(
  '^\\*?(?:sent|date|to|subject|cc|gesendet|datum|an|betreff|envoyé|date|à|objet|enviado|fecha|para|asunto|inviato|data|a|oggetto|verzonden|aan|onderwerp|skickat|till|ämne|sendt|til|emne|wysłano|do|temat|odesláno|komu|předmět|lähetetty|vastaanottaja|aihe|elküldve|címzett|tárgy|gönderildi|kime|konu|отправлено|кому|тема|надіслано|στάλθηκε|προς|θέμα|发送时间|收件人|主题|寄件日期|收件者|主旨|送信日時|宛先|件名|보낸 날짜|받는 사람|제목)\\*?\\s*[:：]',
  'iu',
);

/** Gmail, Apple Mail and Thunderbird attribution lines: "On <date>, <name> wrote:" and kin. */
const attributionPattern = new RegExp(
  '(?:wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev|kirjoitti|napisał\\(a\\)|napisała|napisał|napsal\\(a\\)|napsala|napsal|пишет|написал\\(а\\)|написала|написал|писал|έγραψε|írta|yazdı|a scris|写道|寫道|が書きました|님이 작성)\\s*[:：]\\s*$',
  'iu',
);
const attributionStartPattern = /^(?:on|am|le|el|il|op|em|den|dne|w dniu|в|el día|on the|\d)/iu;

/** Lines longer than this are prose, never an attribution or a header line. */
const maxMarkerLineChars = 400;

/**
 * The sender's own lines of a plain-text body: '>' lines are dropped, and the text ends where
 * the quoted history starts (Outlook's From:/Sent: block, an "On ... wrote:" attribution, a
 * "Forwarded message" separator). One pass over the lines; every pattern is anchored and
 * runs only on short lines, so the cost is linear in the text.
 */
export function extractFreshText(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = (lines[index] as string).trim();
    if (line.startsWith('>')) continue;
    if (line.length > 0 && line.length <= maxMarkerLineChars) {
      if (separatorPattern.test(line)) break;
      if (isOutlookBlock(lines, index, line)) break;
      if (isAttribution(lines, index, line)) break;
    }
    kept.push(lines[index] as string);
  }
  // A rule line (Outlook's <hr>, underscores) before the history belongs to the history.
  while (kept.length > 0 && /^[-_=*\s]*$/.test(kept[kept.length - 1] as string)) kept.pop();
  return kept.join('\n');
}

function isOutlookBlock(lines: readonly string[], index: number, line: string): boolean {
  if (/^_{10,}$/.test(line) && isOutlookBlockStart(lines, index + 1)) return true;
  return fromLinePattern.test(line) && hasBlockLineAfter(lines, index);
}

function isOutlookBlockStart(lines: readonly string[], index: number): boolean {
  for (let next = index; next < Math.min(lines.length, index + 2); next += 1) {
    const line = (lines[next] as string).trim();
    if (line === '') continue;
    return line.length <= maxMarkerLineChars && fromLinePattern.test(line);
  }
  return false;
}

function hasBlockLineAfter(lines: readonly string[], index: number): boolean {
  for (let next = index + 1; next < Math.min(lines.length, index + 4); next += 1) {
    const line = (lines[next] as string).trim();
    if (line.length > maxMarkerLineChars) return false;
    if (blockLinePattern.test(line)) return true;
  }
  return false;
}

/** The attribution may be wrapped over two lines ("On Tue, ... Olivia Park <\n o@x> wrote:"). */
function isAttribution(lines: readonly string[], index: number, line: string): boolean {
  if (attributionPattern.test(line)) {
    return attributionStartPattern.test(line) || /[@<]/.test(line);
  }
  if (!attributionStartPattern.test(line)) return false;
  const next = (lines[index + 1] ?? '').trim();
  return next.length <= maxMarkerLineChars && attributionPattern.test(next);
}
