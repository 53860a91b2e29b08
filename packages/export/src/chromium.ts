import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * Starts headless Chromium: the build shipped inside @sparticuz/chromium (so a fresh machine
 * needs only Node), or the one GOEDWERK_CHROMIUM points to. Our own flags, not the package's
 * serverless list, which turns web security off. Used to print PDFs and by the browser tests.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.GOEDWERK_CHROMIUM || (await chromium.executablePath());
  // Another process may still be unpacking the binary to the same path (ETXTBSY): wait for it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(executablePath);
    } catch (error) {
      if (attempt >= 10 || !String((error as Error).message).includes('ETXTBSY')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function launch(executablePath: string): Promise<Browser> {
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
