import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

// Chromium is started the same way for the tests and for printing PDFs.
export { launchChromium } from '@goedwerk/export/chromium';

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
