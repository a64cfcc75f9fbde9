/**
 * Debian's Chromium (/usr/bin/chromium, `apt-get install chromium`), headless, driven by
 * playwright-core: nothing is downloaded, the browser starts with a fresh profile of its
 * own and without background networking, and `close` removes the profile.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const chromiumPath = '/usr/bin/chromium';

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(
  viewport: { width: number; height: number },
  options: { deviceScaleFactor?: number } = {},
): Promise<Chromium> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `${chromiumPath} is missing: apt-get install chromium (the browser tests use Debian's Chromium and never download one)`,
    );
  const profile = await mkdtemp(join(tmpdir(), 'oh-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      viewport,
      deviceScaleFactor: options.deviceScaleFactor ?? 1,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    return {
      context,
      async close() {
        await context.close();
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
