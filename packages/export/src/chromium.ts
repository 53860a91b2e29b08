import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Starts headless Chromium: the build shipped inside @sparticuz/chromium (so a fresh machine
 * needs only Node), or the one GOEDWERK_CHROMIUM points to. Our own flags, not the package's
 * serverless list, which turns web security off. Used to print PDFs and by the browser tests.
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
