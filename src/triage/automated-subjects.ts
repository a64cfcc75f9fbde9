/**
 * Subjects that robots write, by kind and language: data, not code. `prefixes` must open
 * the subject (after an optional opening bracket) and be followed by a colon, a bracket, a
 * dash or the end ("Undeliverable: Q3 deck", "[Automatic reply]", "Out of Office - Dana",
 * "Delivery Status Notification (Failure)"); `anywhere` phrases are specific enough to mean
 * the same thing wherever they stand. Phrases are lower case, NFC, single-spaced.
 *
 * offhours' own "Auto:" is not here: our mail is recognised by X-Offhours, and a person may
 * well write "Auto: van insurance".
 */
export type SubjectKind =
  | 'auto-reply'
  | 'non-delivery'
  | 'receipt'
  | 'challenge'
  | 'list-notice'
  | 'report'
  | 'transactional';

export interface SubjectPhrases {
  readonly kind: SubjectKind;
  /** BCP 47 language tag of the phrases. */
  readonly language: string;
  readonly prefixes: readonly string[];
  readonly anywhere?: readonly string[];
}

export const automatedSubjects: readonly SubjectPhrases[] = [
  // Out-of-office and other automatic answers
  {
    kind: 'auto-reply',
    language: 'en',
    prefixes: [
      'automatic reply',
      'auto reply',
      'autoreply',
      'auto-reply',
      'auto response',
      'autoresponse',
      'auto-response',
      'automated response',
      'automatic response',
      'out of office',
      'out of the office',
      'out of office reply',
      'out of office autoreply',
      'out of office auto reply',
      'away from the office',
      'on vacation',
      'vacation reply',
      'vacation autoreply',
    ],
    // Lotus Notes: "AUTO: Smith, John is out of the office. (returning 05/01/2010)".
    anywhere: ['is out of the office (returning', 'is out of the office. (returning'],
  },
  {
    kind: 'auto-reply',
    language: 'de',
    prefixes: [
      'abwesenheitsnotiz',
      'abwesend',
      'automatische antwort',
      'automatische abwesenheitsnotiz',
      'abwesenheit',
      'nicht im büro',
      'außer haus',
    ],
  },
  {
    kind: 'auto-reply',
    language: 'fr',
    prefixes: ['réponse automatique', 'absence du bureau', 'absent du bureau', "message d'absence"],
  },
  {
    kind: 'auto-reply',
    language: 'es',
    prefixes: ['respuesta automática', 'fuera de la oficina', 'respuesta de ausencia'],
  },
  {
    kind: 'auto-reply',
    language: 'it',
    prefixes: ['risposta automatica', 'fuori sede', 'fuori ufficio', 'assente dall’ufficio'],
  },
  {
    kind: 'auto-reply',
    language: 'nl',
    prefixes: [
      'automatisch antwoord',
      'afwezig',
      'afwezigheidsbericht',
      'buiten kantoor',
      'niet op kantoor',
    ],
  },
  {
    kind: 'auto-reply',
    language: 'pt',
    prefixes: [
      'resposta automática',
      'ausente do escritório',
      'fora do escritório',
      'resposta de ausência',
    ],
  },
  { kind: 'auto-reply', language: 'ca', prefixes: ['resposta automàtica', "fora de l'oficina"] },
  {
    kind: 'auto-reply',
    language: 'sv',
    prefixes: [
      'autosvar',
      'automatiskt svar',
      'frånvaro',
      'frånvaromeddelande',
      'inte på kontoret',
    ],
  },
  {
    kind: 'auto-reply',
    language: 'da',
    prefixes: [
      'autosvar',
      'automatisk svar',
      'ferie',
      'fraværende',
      'ikke på kontoret',
      'ude af kontoret',
    ],
  },
  {
    kind: 'auto-reply',
    language: 'nb',
    prefixes: ['autosvar', 'automatisk svar', 'fraværsmelding', 'ikke på kontoret'],
  },
  { kind: 'auto-reply', language: 'is', prefixes: ['sjálfvirkt svar'] },
  {
    kind: 'auto-reply',
    language: 'fi',
    prefixes: ['automaattinen vastaus', 'poissa toimistolta', 'lomavastaaja'],
  },
  {
    kind: 'auto-reply',
    language: 'et',
    prefixes: ['automaatne vastus', 'automaatvastus', 'kontorist väljas'],
  },
  { kind: 'auto-reply', language: 'lv', prefixes: ['automātiskā atbilde', 'ārpus biroja'] },
  { kind: 'auto-reply', language: 'lt', prefixes: ['automatinis atsakymas', 'ne biure'] },
  {
    kind: 'auto-reply',
    language: 'pl',
    prefixes: [
      'odpowiedź automatyczna',
      'automatyczna odpowiedź',
      'poza biurem',
      'nieobecność w biurze',
    ],
  },
  {
    kind: 'auto-reply',
    language: 'cs',
    prefixes: ['automatická odpověď', 'mimo kancelář', 'nepřítomnost', 'nepřítomnost v kanceláři'],
  },
  { kind: 'auto-reply', language: 'sk', prefixes: ['automatická odpoveď', 'mimo kancelárie'] },
  {
    kind: 'auto-reply',
    language: 'hu',
    prefixes: ['automatikus válasz', 'házon kívül', 'irodán kívül', 'távollét'],
  },
  { kind: 'auto-reply', language: 'ro', prefixes: ['răspuns automat', 'în afara biroului'] },
  { kind: 'auto-reply', language: 'sl', prefixes: ['samodejni odgovor', 'odsoten'] },
  {
    kind: 'auto-reply',
    language: 'hr',
    prefixes: ['automatski odgovor', 'izvan ureda', 'odsutan iz ureda'],
  },
  { kind: 'auto-reply', language: 'sr', prefixes: ['automatski odgovor', 'аутоматски одговор'] },
  { kind: 'auto-reply', language: 'bg', prefixes: ['автоматичен отговор', 'извън офиса'] },
  {
    kind: 'auto-reply',
    language: 'el',
    prefixes: ['αυτόματη απάντηση', 'εκτός γραφείου', 'απάντηση εκτός γραφείου'],
  },
  {
    kind: 'auto-reply',
    language: 'tr',
    prefixes: ['otomatik yanıt', 'otomatik cevap', 'ofis dışında', 'ofis dışı'],
  },
  {
    kind: 'auto-reply',
    language: 'ru',
    prefixes: ['автоматический ответ', 'автоответ', 'вне офиса', 'нет на месте', 'в отпуске'],
  },
  {
    kind: 'auto-reply',
    language: 'uk',
    prefixes: ['автоматична відповідь', 'автовідповідь', 'поза офісом'],
  },
  {
    kind: 'auto-reply',
    language: 'he',
    prefixes: ['מענה אוטומטי', 'תשובה אוטומטית', 'מחוץ למשרד'],
  },
  { kind: 'auto-reply', language: 'ar', prefixes: ['رد تلقائي', 'الرد التلقائي', 'خارج المكتب'] },
  { kind: 'auto-reply', language: 'fa', prefixes: ['پاسخ خودکار'] },
  { kind: 'auto-reply', language: 'hi', prefixes: ['स्वचालित उत्तर', 'स्वतः उत्तर'] },
  { kind: 'auto-reply', language: 'th', prefixes: ['ตอบกลับอัตโนมัติ'] },
  { kind: 'auto-reply', language: 'vi', prefixes: ['trả lời tự động'] },
  {
    kind: 'auto-reply',
    language: 'id',
    prefixes: ['balasan otomatis', 'di luar kantor', 'balasan automatik'],
  },
  {
    kind: 'auto-reply',
    language: 'ja',
    prefixes: ['自動応答', '自動返信', '自動送信', '不在通知', '不在のお知らせ', '外出中'],
  },
  {
    kind: 'auto-reply',
    language: 'zh',
    prefixes: ['自动回复', '自動回覆', '自動回复', '自动答复', '不在办公室', '外出通知'],
  },
  {
    kind: 'auto-reply',
    language: 'ko',
    prefixes: ['자동 회신', '자동회신', '자동 응답', '부재중'],
  },

  // Non-delivery and delay notices
  {
    kind: 'non-delivery',
    language: 'en',
    prefixes: [
      'undeliverable',
      'undelivered mail',
      'undelivered message',
      'undeliverable mail',
      'undeliverable message',
      'delivery status notification',
      'delivery failure',
      'delivery failure notification',
      'delivery notification',
      'delivery has failed',
      'delivery failed',
      'delivery problem',
      'delivery delayed',
      'delayed mail',
      'delayed message',
      'delayed delivery',
      'mail delivery failed',
      'mail delivery failure',
      'mail delivery system',
      'mail delivery problem',
      'mail could not be delivered',
      'message could not be delivered',
      'message not delivered',
      'message delivery failure',
      'returned mail',
      'returned to sender',
      'failure notice',
      'failed delivery',
      'mail system error',
      'nondeliverable mail',
      'non-delivery',
      'nondelivery',
      'non delivery',
      'could not send message',
      'warning: could not send message',
      'warning: message',
      'notification of delivery failure',
      'error sending message',
      'permanent delivery failure',
      'mail failure',
      'mailer-daemon',
      'postmaster notify',
    ],
    anywhere: [
      'warning: message',
      'could not send message for past',
      'returned mail - error during delivery',
      'mail delivery failed: returning message to sender',
      'undelivered mail returned to sender',
      'delivery status notification (failure)',
      'delivery status notification (delay)',
      'message delivery has been delayed',
      'could not be delivered to',
      'was not delivered to',
      'has been delayed',
    ],
  },
  {
    kind: 'non-delivery',
    language: 'de',
    prefixes: [
      'unzustellbar',
      'nicht zustellbar',
      'zustellung fehlgeschlagen',
      'unzustellbare nachricht',
      'verzögerte zustellung',
    ],
  },
  {
    kind: 'non-delivery',
    language: 'fr',
    prefixes: [
      'non remis',
      'non distribuable',
      'échec de la remise',
      'échec de remise',
      'remise différée',
      'message non délivré',
    ],
  },
  {
    kind: 'non-delivery',
    language: 'es',
    prefixes: [
      'no se puede entregar',
      'no entregado',
      'imposible de entregar',
      'error de entrega',
      'entrega retrasada',
    ],
  },
  {
    kind: 'non-delivery',
    language: 'it',
    prefixes: ['non recapitabile', 'non recapitato', 'mancato recapito', 'recapito ritardato'],
  },
  {
    kind: 'non-delivery',
    language: 'nl',
    prefixes: ['onbestelbaar', 'niet bezorgd', 'kan niet worden bezorgd'],
  },
  {
    kind: 'non-delivery',
    language: 'pt',
    prefixes: [
      'não é possível entregar',
      'não entregue',
      'falha na entrega',
      'impossível entregar',
    ],
  },
  {
    kind: 'non-delivery',
    language: 'sv',
    prefixes: ['olevererbart', 'kunde inte levereras', 'ej levererat'],
  },
  { kind: 'non-delivery', language: 'da', prefixes: ['kan ikke leveres', 'ikke leveret'] },
  { kind: 'non-delivery', language: 'nb', prefixes: ['kan ikke leveres', 'ikke levert'] },
  { kind: 'non-delivery', language: 'fi', prefixes: ['ei voitu toimittaa', 'toimittamaton'] },
  {
    kind: 'non-delivery',
    language: 'pl',
    prefixes: ['nie można dostarczyć', 'niedostarczalna', 'niedostarczona'],
  },
  {
    kind: 'non-delivery',
    language: 'cs',
    prefixes: ['nedoručitelné', 'nelze doručit', 'nedoručeno'],
  },
  { kind: 'non-delivery', language: 'sk', prefixes: ['nedoručiteľné', 'nedoručené'] },
  { kind: 'non-delivery', language: 'hu', prefixes: ['kézbesíthetetlen', 'nem kézbesíthető'] },
  { kind: 'non-delivery', language: 'ro', prefixes: ['nu poate fi livrat', 'nelivrat'] },
  { kind: 'non-delivery', language: 'el', prefixes: ['αδύνατη η παράδοση', 'δεν παραδόθηκε'] },
  { kind: 'non-delivery', language: 'tr', prefixes: ['teslim edilemedi', 'teslim edilemeyen'] },
  {
    kind: 'non-delivery',
    language: 'ru',
    prefixes: ['недоставлено', 'не доставлено', 'невозможно доставить', 'недоставленное сообщение'],
  },
  { kind: 'non-delivery', language: 'uk', prefixes: ['не доставлено', 'неможливо доставити'] },
  { kind: 'non-delivery', language: 'he', prefixes: ['לא ניתן למסור'] },
  { kind: 'non-delivery', language: 'ar', prefixes: ['تعذر التسليم'] },
  {
    kind: 'non-delivery',
    language: 'ja',
    prefixes: ['配信不能', '配信できませんでした', '未配信', '配信エラー'],
  },
  {
    kind: 'non-delivery',
    language: 'zh',
    prefixes: ['无法投递', '無法傳遞', '退信', '邮件投递失败', '系统退信'],
  },
  {
    kind: 'non-delivery',
    language: 'ko',
    prefixes: ['배달되지 않음', '전달되지 않음', '배달 실패'],
  },
  { kind: 'non-delivery', language: 'id', prefixes: ['tidak terkirim', 'gagal terkirim'] },
  { kind: 'non-delivery', language: 'vi', prefixes: ['không thể gửi'] },

  // Read and delivery receipts written as plain text
  {
    kind: 'receipt',
    language: 'en',
    prefixes: [
      'read',
      'not read',
      'delivered',
      'return receipt',
      'read receipt',
      'read report',
      'read notification',
      'delivery receipt',
      'disposition notification',
      'message disposition notification',
      'receipt notification',
    ],
  },
  {
    kind: 'receipt',
    language: 'de',
    prefixes: ['gelesen', 'ungelesen', 'zugestellt', 'lesebestätigung', 'übermittelt'],
  },
  {
    kind: 'receipt',
    language: 'fr',
    prefixes: ['lu', 'non lu', 'remis', 'accusé de lecture', 'accusé de réception'],
  },
  {
    kind: 'receipt',
    language: 'es',
    prefixes: ['leído', 'no leído', 'entregado', 'confirmación de lectura'],
  },
  {
    kind: 'receipt',
    language: 'it',
    prefixes: ['letto', 'non letto', 'recapitato', 'conferma di lettura'],
  },
  {
    kind: 'receipt',
    language: 'nl',
    prefixes: ['gelezen', 'niet gelezen', 'bezorgd', 'leesbevestiging'],
  },
  {
    kind: 'receipt',
    language: 'pt',
    prefixes: ['lido', 'lida', 'não lido', 'entregue', 'confirmação de leitura'],
  },
  { kind: 'receipt', language: 'sv', prefixes: ['läst', 'oläst', 'levererat', 'läskvitto'] },
  { kind: 'receipt', language: 'da', prefixes: ['læst', 'ulæst', 'leveret', 'læsekvittering'] },
  { kind: 'receipt', language: 'nb', prefixes: ['lest', 'ulest', 'levert', 'lesebekreftelse'] },
  {
    kind: 'receipt',
    language: 'fi',
    prefixes: ['luettu', 'lukematon', 'toimitettu', 'lukukuittaus'],
  },
  {
    kind: 'receipt',
    language: 'pl',
    prefixes: [
      'przeczytane',
      'przeczytano',
      'nieprzeczytane',
      'dostarczono',
      'potwierdzenie przeczytania',
    ],
  },
  {
    kind: 'receipt',
    language: 'cs',
    prefixes: ['přečteno', 'nepřečteno', 'doručeno', 'potvrzení o přečtení'],
  },
  {
    kind: 'receipt',
    language: 'hu',
    prefixes: ['olvasva', 'olvasatlan', 'kézbesítve', 'olvasási visszaigazolás'],
  },
  { kind: 'receipt', language: 'el', prefixes: ['αναγνώστηκε', 'διαβάστηκε', 'παραδόθηκε'] },
  {
    kind: 'receipt',
    language: 'tr',
    prefixes: ['okundu', 'okunmadı', 'teslim edildi', 'okundu bilgisi'],
  },
  {
    kind: 'receipt',
    language: 'ru',
    prefixes: ['прочитано', 'не прочитано', 'доставлено', 'уведомление о прочтении'],
  },
  { kind: 'receipt', language: 'uk', prefixes: ['прочитано', 'доставлено'] },
  { kind: 'receipt', language: 'ja', prefixes: ['開封済み', '開封確認', '配信済み'] },
  { kind: 'receipt', language: 'zh', prefixes: ['已读', '已讀', '已送达', '已傳遞', '已讀回條'] },
  { kind: 'receipt', language: 'ko', prefixes: ['읽음', '배달됨', '읽음 확인'] },

  // Challenge-response systems asking the sender to prove they are a person
  {
    kind: 'challenge',
    language: 'en',
    prefixes: ['please confirm your message', 'confirm your message', 'verify your message'],
    anywhere: [
      'challenge-response',
      'sender verification request',
      'your message is awaiting verification',
      'awaiting your verification',
      'requires your verification',
      'spam arrest',
      'boxbe',
      'please verify you are a human',
      'confirm that you are a human',
      'verify that you are a real person',
    ],
  },
  {
    kind: 'challenge',
    language: 'de',
    prefixes: [],
    anywhere: ['bestätigen sie ihre nachricht', 'absenderbestätigung'],
  },

  // Mailing-list managers (Mailman, fml, Sympa, LISTSERV, Google Groups)
  {
    kind: 'list-notice',
    language: 'en',
    prefixes: [
      'loop alert',
      'mailing list',
      'list administrator',
      'subscription request',
      'unsubscription request',
      'confirm subscription',
    ],
    anywhere: [
      'awaits moderator approval',
      'requires moderator approval',
      'held for moderation',
      'post requires approval',
      'your message has been rejected',
      'you are not allowed to post',
      'mailing list membership',
      'mailing list subscription',
      'mailing list reminder',
      'has been removed from the list',
      'confirm your subscription',
      'list owner notification',
      'your confirmation is needed',
      'confirm subscription to',
      'confirm your subscription to',
      'confirmation is required to join',
    ],
  },

  // Abuse, complaint and authentication reports not shaped as multipart/report
  {
    kind: 'report',
    language: 'en',
    prefixes: [
      'report domain',
      'dmarc aggregate report',
      'dmarc failure report',
      'smtp tls report',
      'abuse report',
    ],
    anywhere: [
      'complaint about message from',
      'dmarc failure report',
      'dmarc aggregate report',
      'dmarc report',
      'tls report',
    ],
  },

  // Shops, payments, shipping, accounts: notices a system sends for a transaction
  {
    kind: 'transactional',
    language: 'en',
    prefixes: [
      'order',
      'your order',
      'order confirmation',
      'your order confirmation',
      'your receipt',
      'payment receipt',
      'payment received',
      'shipping confirmation',
      'shipment notification',
      'password reset',
      'reset your password',
      'verify your email',
      'verify your email address',
      'confirm your email',
      'confirm your email address',
      'verification code',
      'your verification code',
      'security alert',
      'new sign-in',
      'online lead',
      'ups update',
    ],
    anywhere: [
      'package scheduled for delivery',
      'your package has shipped',
      'your order has shipped',
      'order has been shipped',
      'is out for delivery',
      'your receipt from',
      'has a lead for you',
      'password reset request',
      'one-time passcode',
      'one-time password',
    ],
  },
];
