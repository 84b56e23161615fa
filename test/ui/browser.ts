import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's `chromium` package; no browser is downloaded (playwright-core drives the system one). */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser tests can run here; in CI a missing browser is a failure, not a skip. */
export function browserAvailability(): { run: boolean; reason: string | null } {
  if (existsSync(CHROMIUM)) return { run: true, reason: null };
  const reason = `${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does).`;
  if (process.env.CI) return { run: true, reason };
  console.warn(`test/ui skipped locally: ${reason}`);
  return { run: false, reason };
}

/**
 * One headless Chromium, quiet: no network of its own, no first-run work. `launch()` gives it a
 * fresh `--user-data-dir` of its own (a temporary profile Playwright removes on close; it refuses
 * the flag in `args`).
 */
export async function launchBrowser(): Promise<Browser> {
  const { reason } = browserAvailability();
  if (reason) throw new Error(`The browser tests need Chromium: ${reason}`);
  return chromium.launch({
    executablePath: CHROMIUM,
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
}

/** Signs in on the inspector and waits until its live stream is connected. */
export async function signIn(page: Page, baseUrl: string, key: string, adminToken = ''): Promise<void> {
  await page.goto(`${baseUrl}/_sim/ui`);
  await page.fill('#key', key);
  if (adminToken) await page.fill('#admin-token', adminToken);
  await page.click('#connect');
  await page.waitForSelector('#live.ok', { timeout: 5000 });
}

/** The timeline row that shows `text`, once it does. */
export async function row(page: Page, text: string, kind?: string) {
  const rowLocator = page.locator(`#timeline li.row${kind ? `[data-kind="${kind}"]` : ''}`, { hasText: text }).first();
  await rowLocator.waitFor({ timeout: 5000 });
  return rowLocator;
}
