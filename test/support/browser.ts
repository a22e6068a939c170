import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from './process';
import { createTestApp, TestApp } from './test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, headless, with everything that would phone home or need a GPU turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The app listening on a real port, with PUBLIC_URL pointing at it so mailed links work in the browser. */
export async function createServedApp(): Promise<TestApp & { baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await createTestApp({ PUBLIC_URL: baseUrl });
  await t.app.listen(port, '127.0.0.1');
  return Object.assign(t, { baseUrl });
}

/**
 * A phone (touch; 390×844 for screenshots, or as narrow as `width`) or a desktop (1280×800)
 * browser window, in English, in the given zone.
 */
export function newContext(browser: Browser, kind: 'phone' | 'desktop', timezoneId = 'UTC', width = 390): Promise<BrowserContext> {
  return browser.newContext(
    kind === 'phone'
      ? { viewport: { width, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId }
      : { viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId },
  );
}

/** Presses Tab until the focused element matches `selector` (at most `limit` times): how a keyboard user gets somewhere. */
export async function tabTo(page: Page, selector: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector} in ${limit} presses`);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core (WCAG 2.1 A and AA rules, and best practices) on the page as it is and returns
 * the serious and critical violations. Injected through the DevTools protocol, which the page's
 * CSP does not govern, so the page under test stays exactly as users get it.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** What would fail a phone user: horizontal scrolling, and controls smaller than 44×44 CSS pixels. */
export async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
    for (const el of document.querySelectorAll<HTMLElement>('button, .button, input:not([type=hidden]), select, summary, nav a')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // not shown (a closed <details>, a hidden editor)
      if (box.height < 44 || (box.width < 44 && el.tagName !== 'INPUT')) problems.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return problems;
  });
}
