const replacements: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text made safe to put between HTML (or SVG) tags and inside quoted attribute values: a
 * subject holding `<script>` shows as those characters. Control characters other than tab
 * and line breaks are dropped (they have no business on a page and some are invalid in XML).
 */
export function escapeHtml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/[&<>"']/g, (character) => replacements[character] ?? character)
  );
}
