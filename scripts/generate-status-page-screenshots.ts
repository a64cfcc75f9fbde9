import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../src/observability/create-logger.js';
import { startHttpServer } from '../src/observability/start-http-server.js';
import { buildStatusView } from '../src/status/build-status-view.js';
import { launchChromium } from '../test/support/launch-chromium.js';
import { makeStatusSnapshot, snapshotAt } from '../test/support/make-status-snapshot.js';

/*
 * Writes docs/status-page.png (a desktop window, the whole page) and
 * docs/status-page-phone.png (the first screen of a phone), the README's pictures of the
 * status page (`npm run docs:status-page`): the real server and renderer, serving the sample
 * scene of test/support/make-status-snapshot.ts (three clients in New York, Sydney and
 * London on a Wednesday evening, mail of each kind, one refused reply), photographed by
 * Debian's headless Chromium. Needs `apt-get install chromium`.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const view = buildStatusView(makeStatusSnapshot(), snapshotAt);
const server = await startHttpServer({
  host: '127.0.0.1',
  port: 0,
  logger: createLogger({ level: 'silent' }),
  checkHealth: () => Promise.reject(new Error('not served here')),
  renderMetrics: () => Promise.reject(new Error('not served here')),
  statusPage: { token: () => null, readView: () => Promise.resolve(view) },
});
try {
  for (const shot of [
    { file: 'status-page.png', width: 1280, height: 900, scale: 1, fullPage: true },
    { file: 'status-page-phone.png', width: 390, height: 844, scale: 2, fullPage: false },
  ]) {
    const browser = await launchChromium(
      { width: shot.width, height: shot.height },
      { deviceScaleFactor: shot.scale },
    );
    try {
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${server.port}/status`);
      const path = join(root, 'docs', shot.file);
      await page.screenshot({ path, fullPage: shot.fullPage });
      console.log(`wrote ${relative(root, path)}`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
