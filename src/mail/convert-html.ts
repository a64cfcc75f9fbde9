import { compile } from 'html-to-text';
import type { DomNode, FormatCallback } from 'html-to-text';
import type { HtmlFacts, HtmlImage, HtmlLink } from '../triage/message-facts.js';

export interface ConvertedHtml {
  /** Everything a reader sees, as plain text. */
  readonly text: string;
  /** `text` without the quoted and forwarded parts the HTML marks as such. */
  readonly freshText: string;
  readonly facts: HtmlFacts;
}

/** Bounds: a message cannot make these lists, or the tree walk, grow without end. */
const maxLinks = 300;
const maxImages = 300;
const maxLinkTextChars = 300;
const maxTreeDepth = 150;
const maxHiddenNodes = 20_000;

/**
 * Private-use characters that cannot survive in the message (they are removed from the
 * input) mark where quoted parts start and end in the converted text.
 */
const quoteStart = '\uE000';
const quoteEnd = '\uE001';
const restIsQuote = '\uE002';
const markerPattern = /[\uE000-\uE002]/g;

/**
 * Containers that mail clients put around the message being replied to: Gmail, Apple Mail
 * and Thunderbird (blockquote type=cite, moz-cite-prefix), Yahoo, Proton, Zimbra.
 */
const quoteClasses: readonly string[] = [
  'gmail_quote',
  'gmail_quote_container',
  'gmail_attr',
  'moz-cite-prefix',
  'yahoo_quoted',
  'protonmail_quote',
  'zmail_extra',
];
const quoteIds: ReadonlySet<string> = new Set(['zwchr', 'yahoo_quoted']);
/** Outlook starts the quoted history here; everything after belongs to it. */
const historyIds: ReadonlySet<string> = new Set(['divrplyfwdmsg', 'appendonsend', 'stopspelling']);
const historyClasses: readonly string[] = ['outlookmessageheader'];

/** Never shown to a reader, whatever their style. */
const invisibleTags: ReadonlySet<string> = new Set([
  'head',
  'style',
  'script',
  'title',
  'template',
  'noscript',
]);

interface Collector {
  links: HtmlLink[];
  images: HtmlImage[];
  linkCount: number;
  imageCount: number;
  tableCount: number;
  hiddenTextChars: number;
  /** Inside quoted or forwarded history: what is there belongs to an earlier message. */
  quoteDepth: number;
  inHistory: boolean;
}

type CollectingBuilder = Parameters<FormatCallback>[2] & { metadata?: Collector };

const guard: FormatCallback = (elem, walk, builder, formatOptions) => {
  const collector = (builder as CollectingBuilder).metadata;
  const name = elem.name ?? '';
  if (collector === undefined) return;
  if (invisibleTags.has(name)) return;
  if (isHidden(elem)) {
    if (collector.quoteDepth === 0 && !collector.inHistory) collectHidden(elem, collector);
    return;
  }
  const quoting = readQuoting(elem);
  if (quoting === 'history') {
    builder.addLiteral(restIsQuote);
    collector.inHistory = true;
  }
  const own = collector.quoteDepth === 0 && !collector.inHistory && quoting === null;
  if (own && name === 'a') collectLink(elem, collector);
  else if (own && name === 'img') collectImage(elem, collector, false);
  else if (own && name === 'table') collector.tableCount += 1;
  const delegate = builder.options.formatters[String(formatOptions['delegate'])];
  if (delegate === undefined) return;
  if (quoting === 'quote') {
    builder.addLiteral(quoteStart);
    collector.quoteDepth += 1;
  }
  delegate(elem, walk, builder, formatOptions);
  if (quoting === 'quote') {
    builder.addLiteral(quoteEnd);
    collector.quoteDepth -= 1;
  }
};

/** Each built-in selector of html-to-text, routed through the guard first. */
const builtInFormats: readonly [selector: string, format: string][] = [
  ['*', 'inline'],
  ['a', 'anchor'],
  ['article', 'block'],
  ['aside', 'block'],
  ['blockquote', 'blockquote'],
  ['br', 'lineBreak'],
  ['div', 'block'],
  ['footer', 'block'],
  ['form', 'block'],
  ['h1', 'heading'],
  ['h2', 'heading'],
  ['h3', 'heading'],
  ['h4', 'heading'],
  ['h5', 'heading'],
  ['h6', 'heading'],
  ['header', 'block'],
  ['hr', 'horizontalLine'],
  ['img', 'skip'],
  ['main', 'block'],
  ['nav', 'block'],
  ['ol', 'orderedList'],
  ['p', 'paragraph'],
  ['pre', 'pre'],
  ['section', 'block'],
  ['table', 'table'],
  ['ul', 'unorderedList'],
  ['wbr', 'wbr'],
];

/** html-to-text hands the second argument to every formatter as builder.metadata. */
const convert = compile({
  wordwrap: false,
  baseElements: { selectors: ['body'], returnDomByDefault: true },
  formatters: { guard },
  limits: { maxDepth: maxTreeDepth, ellipsis: '' },
  selectors: builtInFormats.map(([selector, format]) => ({
    selector,
    format: 'guard',
    options: {
      delegate: format,
      ...(format === 'anchor' ? { ignoreHref: true } : {}),
      ...(format === 'heading' ? { uppercase: false } : {}),
    },
  })),
}) as (html: string, metadata: Collector) => string;

/**
 * Converts an HTML body to text with html-to-text, leaving out what a reader never sees
 * (display:none, visibility:hidden, the hidden attribute, zero font size, collapsed
 * preheaders), and records the links, images and layout that tell marketing mail apart,
 * outside quoted and forwarded parts only: those belong to someone else's message.
 */
export function convertHtml(html: string): ConvertedHtml {
  const collector: Collector = {
    links: [],
    images: [],
    linkCount: 0,
    imageCount: 0,
    tableCount: 0,
    hiddenTextChars: 0,
    quoteDepth: 0,
    inHistory: false,
  };
  const marked = convert(html.replace(markerPattern, ''), collector);
  const text = collapseBlankLines(marked.replace(markerPattern, ''));
  return {
    text,
    freshText: collapseBlankLines(dropMarkedQuotes(marked)),
    facts: {
      links: collector.links,
      images: collector.images,
      linkCount: collector.linkCount,
      imageCount: collector.imageCount,
      tableCount: collector.tableCount,
      hiddenTextChars: collector.hiddenTextChars,
      visibleTextChars: text.length,
    },
  };
}

/** Block elements leave runs of empty lines; one empty line is enough to read. */
function collapseBlankLines(text: string): string {
  return text.replace(/\n(?:[ \t]*\n){2,}/g, '\n\n').trim();
}

/** Keeps the text outside quote markers, up to the first history marker. */
function dropMarkedQuotes(marked: string): string {
  let kept = '';
  let depth = 0;
  let runStart = 0;
  for (let index = 0; index < marked.length; index += 1) {
    const char = marked[index];
    if (char !== quoteStart && char !== quoteEnd && char !== restIsQuote) continue;
    if (depth === 0) kept += marked.slice(runStart, index);
    if (char === restIsQuote) return kept;
    depth = char === quoteStart ? depth + 1 : Math.max(0, depth - 1);
    runStart = index + 1;
  }
  if (depth === 0) kept += marked.slice(runStart);
  return kept;
}

function readQuoting(elem: DomNode): 'quote' | 'history' | null {
  const name = elem.name ?? '';
  const id = readAttribute(elem, 'id').toLowerCase();
  const classes = readAttribute(elem, 'class').toLowerCase();
  if (historyIds.has(id) || historyClasses.some((name) => hasClass(classes, name))) {
    return 'history';
  }
  if (
    name === 'blockquote' ||
    quoteIds.has(id) ||
    id.startsWith('yahoo_quoted') ||
    quoteClasses.some((name) => hasClass(classes, name))
  ) {
    return 'quote';
  }
  return null;
}

function hasClass(classes: string, name: string): boolean {
  return classes !== '' && classes.split(/\s+/).includes(name);
}

function readAttribute(elem: DomNode, name: string): string {
  const attribs = elem.attribs as Record<string, string> | undefined;
  return attribs?.[name] ?? '';
}

/** Ways mail HTML hides text: "font-size:0" but not "font-size:0.9em". */
const zeroSizePattern = /font-size:0(?![.\d])|opacity:0(?![.\d])/;
const collapsedPattern = /(?:^|;)(?:max-)?(?:height|width):0(?![.\d])/;

function isHidden(elem: DomNode): boolean {
  const attribs = elem.attribs as Record<string, string> | undefined;
  if (attribs === undefined) return false;
  if (attribs['hidden'] !== undefined) return true;
  const raw = attribs['style'];
  if (raw === undefined || raw === '') return false;
  const style = compactStyle(raw);
  return (
    style.includes('display:none') ||
    style.includes('visibility:hidden') ||
    style.includes('mso-hide:all') ||
    zeroSizePattern.test(style) ||
    (style.includes('overflow:hidden') && collapsedPattern.test(style))
  );
}

/** Lower-cased, without whitespace or !important, so "Display : none !important" reads "display:none". */
function compactStyle(style: string): string {
  return style
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/!important/g, '')
    .replace(/"/g, '');
}

function collectLink(elem: DomNode, collector: Collector): void {
  const href = readAttribute(elem, 'href').trim();
  if (href === '') return;
  collector.linkCount += 1;
  if (collector.links.length < maxLinks) {
    collector.links.push({ href, text: readText(elem, maxLinkTextChars) });
  }
}

function collectImage(elem: DomNode, collector: Collector, hidden: boolean): void {
  collector.imageCount += 1;
  if (collector.images.length >= maxImages) return;
  const style = compactStyle(readAttribute(elem, 'style'));
  collector.images.push({
    src: readAttribute(elem, 'src').trim(),
    width: readPixels(readAttribute(elem, 'width'), style, 'width'),
    height: readPixels(readAttribute(elem, 'height'), style, 'height'),
    hidden: hidden || isHidden(elem),
  });
}

function readPixels(attribute: string, style: string, property: string): number | null {
  const fromAttribute = /^\s*(\d{1,6})/.exec(attribute);
  if (fromAttribute !== null) return Number(fromAttribute[1]);
  const at = style.indexOf(`${property}:`);
  if (at === -1 || (at > 0 && /[a-z-]/.test(style[at - 1] ?? ''))) return null;
  const fromStyle = /^(\d{1,6})(?:px)?(?![\d.%a-z])/.exec(style.slice(at + property.length + 1));
  return fromStyle === null ? null : Number(fromStyle[1]);
}

/** Hidden text and the images in it (tracking pixels hide there), in one bounded walk. */
function collectHidden(elem: DomNode, collector: Collector): void {
  const stack: DomNode[] = [elem];
  let visited = 0;
  while (stack.length > 0 && visited < maxHiddenNodes) {
    const node = stack.pop() as DomNode;
    visited += 1;
    if (node.type === 'text') collector.hiddenTextChars += (node.data ?? '').trim().length;
    else if (node.name === 'img') collectImage(node, collector, true);
    for (const child of node.children ?? []) stack.push(child);
  }
}

/** The text under an element, whitespace collapsed, at most maxChars. */
function readText(elem: DomNode, maxChars: number): string {
  let text = '';
  const stack: DomNode[] = [elem];
  let visited = 0;
  while (stack.length > 0 && text.length < maxChars && visited < maxHiddenNodes) {
    const node = stack.pop() as DomNode;
    visited += 1;
    if (node.type === 'text') text += ` ${node.data ?? ''}`;
    const children = node.children ?? [];
    for (let index = children.length - 1; index >= 0; index -= 1) {
      stack.push(children[index] as DomNode);
    }
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, maxChars);
}
