/**
 * The status page's own script: every 30 s (and when the tab is shown again) it fetches
 * the page again, with the same address and so the same ?token=, and swaps in the new
 * <main>; when the daemon cannot be reached it says so since when, and keeps trying. It
 * marks <html data-live="on"> once running, so a test can tell it ran. Inlined with the
 * response's CSP nonce; nothing it puts on the page comes from a message unescaped (the
 * new <main> is the server's escaped HTML, parsed inert by DOMParser, without the new
 * page's <style>, whose nonce this page's policy would refuse).
 */
export const statusPageScript = `
(() => {
  const everyMs = 30000;
  const banner = document.getElementById('offline');
  let failingSince = null;
  const show = (text) => { banner.textContent = text; banner.hidden = false; };
  const refresh = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (response.status === 401) { show('The token was refused: open the page again with the current one.'); return; }
      if (!response.ok) throw new Error('HTTP ' + response.status);
      // Only the title and <main> are parsed: the page's <style> carries another nonce.
      const text = await response.text();
      const part = (open, close) => {
        const start = text.indexOf(open);
        const end = text.indexOf(close, start);
        return start < 0 || end < 0 ? '' : text.slice(start, end + close.length);
      };
      const next = new DOMParser().parseFromString(part('<title>', '</title>') + part('<main', '</main>'), 'text/html');
      const fresh = next.getElementById('status');
      const current = document.getElementById('status');
      if (fresh !== null && current !== null) {
        current.replaceWith(document.importNode(fresh, true));
        document.title = next.title;
      }
      failingSince = null;
      banner.hidden = true;
    } catch {
      failingSince = failingSince ?? new Date();
      show('Cannot reach offhours since ' + failingSince.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) + '; still trying.');
    }
  };
  setInterval(refresh, everyMs);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) void refresh(); });
  document.documentElement.dataset.live = 'on';
})();
`;
