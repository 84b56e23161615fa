import { existsSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { listenOnLoopback, type Listening } from '../support/listen.js';

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

export interface BrowserSuite {
  /** The base URL `app` is served at, once the file's tests run. */
  readonly url: string;
  /** This test's page, in a fresh context of its own (its own session storage). */
  readonly page: Page;
  readonly context: BrowserContext;
  /** Replaces this test's context and page with ones of another window size (a phone). */
  open(viewport: { width: number; height: number }): Promise<Page>;
}

/**
 * The browser tests' frame, called inside the suite's `describe`: one browser and `app` on a
 * loopback port for the file; per test a fresh context and page (1400×900), and any script error
 * or dialog (an alert() that got through) fails the test that caused it.
 */
export function browserSuite(app: RequestListener): BrowserSuite {
  let served: Listening | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const problems: string[] = [];
  const open = async (viewport: { width: number; height: number }) => {
    await context?.close();
    context = await browser!.newContext({ viewport });
    page = await context.newPage();
    // A missing element fails fast, naming its selector, well inside the test's own timeout.
    page.setDefaultTimeout(5000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    return page;
  };
  beforeAll(async () => {
    served = await listenOnLoopback(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  beforeEach(async () => {
    problems.length = 0;
    await open({ width: 1400, height: 900 });
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    expect(problems).toEqual([]);
  });
  return {
    get url() {
      return served?.url ?? '';
    },
    get page() {
      return page!;
    },
    get context() {
      return context!;
    },
    open,
  };
}
