import AxeBuilder from '@axe-core/playwright';
import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright, type Page } from 'playwright-core';

/**
 * Starts headless Chromium: the build shipped inside @sparticuz/chromium (so a fresh machine
 * needs only Node), or the one GOEDWERK_CHROMIUM points to. Our own flags, not the package's
 * serverless list, which turns web security off.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.GOEDWERK_CHROMIUM || (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-zygote',
    ],
  });
}

export interface AxeSummary {
  readonly violations: number;
  readonly details: string[];
}

/** Runs axe-core for WCAG 2.1 A and AA on the page as it is now. */
export async function scanAxe(page: Page): Promise<AxeSummary> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return {
    violations: result.violations.reduce((n, v) => n + v.nodes.length, 0),
    details: result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  };
}
