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

/**
 * How far the page scrolls sideways, and up to five elements that stick out of the viewport (the
 * app's root clips, so both are needed). Visually hidden text, skip links and whatever sits inside
 * its own horizontal scrolling region (a wide data table, which WCAG 1.4.10 excepts) do not count.
 */
export function overflow(page: Page): Promise<{ scroll: number; outside: string[] }> {
  return page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; return false; };
    const outside = [...document.querySelectorAll('body *')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
      .filter((e) => !e.closest('.gw-visually-hidden, .utrecht-skip-link, .nl-skip-link') && !scrolls(e))
      .slice(0, 5)
      .map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right) + ' “' + (e.textContent || '').trim().slice(0, 60) + '”');
    return { scroll: document.documentElement.scrollWidth - width, outside };
  })()`);
}

/**
 * Every visible link, button and form control of the main content less than 44 px high: a checkbox
 * or radio button counts by its label, and links in running text are exempt.
 */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(`(() => [...document.querySelectorAll('main a[href], main button, main input:not([type=checkbox]):not([type=radio]), main select, main textarea, main label:has(input[type=checkbox], input[type=radio])')]
    .filter((e) => e.getClientRects().length > 0 && !e.closest('p, dd, .utrecht-card__header'))
    .filter((e) => e.getBoundingClientRect().height < 43.5)
    .map((e) => e.tagName.toLowerCase() + ' “' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40) + '” ' + Math.round(e.getBoundingClientRect().height)))()`);
}
