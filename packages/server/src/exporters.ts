import { markdownToDocx, markdownToOdt, PdfPrinter } from '@goedwerk/export';
import type { BinaryExporters } from './reports.ts';

/**
 * The binary formats of the report: PDF printed by the bundled Chromium (started on the first
 * PDF and kept for the next), DOCX and ODT by pandoc compiled to WebAssembly.
 */
export function defaultExporters(): BinaryExporters {
  const printer = new PdfPrinter({ concurrency: 1 });
  return {
    pdf: (html, options) => printer.print(html, options),
    docx: (markdown, lang, title) => markdownToDocx(markdown, lang, title),
    odt: (markdown, lang, title) => markdownToOdt(markdown, lang, title),
    close: () => printer.close(),
  };
}
