import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium.ts';

export interface HtmlToPdfOptions {
  /** A running browser to print with (it stays open); without one, a browser is started and closed. */
  readonly browser?: Browser;
  /**
   * Take the paper size and margins from the document's CSS `@page` rule (such as A6 case cards)
   * instead of A4 with the margins below. Default false.
   */
  readonly preferCssPageSize?: boolean;
}

/** A4 with margins wide enough for a printer and for binding; the report's own CSS may add more. */
const PDF_MARGIN = { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' } as const;

/**
 * Chromium builds each bookmark's title from the heading's lines as laid out, and drops the space
 * where a long heading wraps ("… van" + "verantwoordelijkheden" becomes "vanverantwoordelijkheden").
 * With `white-space: pre-wrap` the space stays in the line and so in the title. Before switching a
 * heading to pre-wrap, its text is collapsed the way `white-space: normal` shows it (runs of
 * whitespace to one space, none at the start or end), so the heading looks the same.
 * Headings whose CSS sets another `white-space` are left alone. Run in the page with
 * `page.evaluate` (which works while the page's own scripts are off); plain JavaScript as a string
 * so no transpiler adds helpers to it.
 */
const KEEP_SPACES_WHERE_HEADINGS_WRAP = `(() => {
  for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    if (getComputedStyle(heading).whiteSpace !== 'normal') continue;
    const texts = [];
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node);
    let afterSpace = true;
    for (const text of texts) {
      let data = text.data.replace(/[ \\t\\n\\r\\f]+/g, ' ');
      if (afterSpace && data.startsWith(' ')) data = data.slice(1);
      if (data) afterSpace = data.endsWith(' ');
      text.data = data;
    }
    const last = texts.findLast((text) => text.data !== '');
    if (last) last.data = last.data.replace(/ $/, '');
    heading.style.whiteSpace = 'pre-wrap';
  }
})()`;

/**
 * Prints a standalone HTML document to a tagged PDF (a structure tree from the HTML's headings,
 * lists, tables and figures, `/Lang` from `<html lang>`, the title from `<title>`) with a
 * document outline (bookmarks) from its headings.
 *
 * The page runs without JavaScript and without network: the report is self-contained (inline SVG,
 * inline CSS), so anything it would fetch is refused rather than waited for.
 */
export async function htmlToPdf(html: string, options: HtmlToPdfOptions = {}): Promise<Uint8Array> {
  const browser = options.browser ?? (await launchChromium());
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(KEEP_SPACES_WHERE_HEADINGS_WRAP);
      const pdf = await page.pdf({
        tagged: true,
        outline: true,
        printBackground: true,
        ...(options.preferCssPageSize ? { preferCSSPageSize: true } : { format: 'A4', margin: PDF_MARGIN }),
      });
      return new Uint8Array(pdf); // a plain copy, not a Buffer that may share Node's pool
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await browser.close();
  }
}

export interface PdfPrinterOptions {
  /** How many documents print at the same time; further jobs wait their turn. Default 2. */
  readonly concurrency?: number;
  /** How to start the browser; default {@link launchChromium}. */
  readonly launch?: () => Promise<Browser>;
}

/**
 * One browser for many PDFs, for the server: started on the first job, restarted after a crash,
 * shut by {@link PdfPrinter.close}. At most `concurrency` jobs print at once (each in its own
 * browser context); the rest queue in order.
 */
export class PdfPrinter {
  readonly #concurrency: number;
  readonly #launch: () => Promise<Browser>;
  #browser: Promise<Browser> | null = null;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  #closed = false;

  constructor(options: PdfPrinterOptions = {}) {
    this.#concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.#launch = options.launch ?? launchChromium;
  }

  /** Prints one HTML document to PDF; see {@link htmlToPdf}. Refused after {@link close}. */
  async print(html: string, options: Pick<HtmlToPdfOptions, 'preferCssPageSize'> = {}): Promise<Uint8Array> {
    if (this.#closed) throw new Error('PdfPrinter is closed');
    await this.#acquire();
    try {
      if (this.#closed) throw new Error('PdfPrinter is closed');
      return await htmlToPdf(html, { ...options, browser: await this.#getBrowser() });
    } finally {
      this.#release();
    }
  }

  /** Closes the browser. Jobs still printing fail; later calls to {@link print} are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const browser = this.#browser;
    this.#browser = null;
    // Waiting jobs get a slot only to find the printer closed and give it back.
    for (const wake of this.#waiting.splice(0)) {
      this.#active++;
      wake();
    }
    if (browser) await (await browser.catch(() => null))?.close();
  }

  #getBrowser(): Promise<Browser> {
    if (!this.#browser) {
      const started = this.#launch().then((browser) => {
        // A crashed or killed browser is started again by the next job.
        browser.on('disconnected', () => {
          if (this.#browser === started) this.#browser = null;
        });
        return browser;
      });
      started.catch(() => {
        if (this.#browser === started) this.#browser = null;
      });
      this.#browser = started;
    }
    return this.#browser;
  }

  #acquire(): Promise<void> {
    if (this.#active < this.#concurrency) {
      this.#active++;
      return Promise.resolve();
    }
    // The slot is handed over by #release, so #active stays counted.
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active--;
  }
}
