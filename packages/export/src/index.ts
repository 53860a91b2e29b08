// Exporters of the meeting report on the server: PDF through Chromium, DOCX and ODT through pandoc.
// The report itself (Markdown and standalone HTML) comes from @goedwerk/report. Case cards (A6,
// a front and a back with a QR code per case) print through the same Chromium.
export {
  caseCardsHtml,
  caseCardsPdf,
  type CaseCard,
  type CaseCardLabels,
  type CaseCardsOptions,
  type CaseCardsPdfOptions,
} from './cards.ts';
export { launchChromium } from './chromium.ts';
export { htmlToPdf, PdfPrinter, type HtmlToPdfOptions, type PdfPrinterOptions } from './pdf.ts';
export {
  docxOrOdtToPlainText,
  loadPandoc,
  markdownToDocx,
  markdownToOdt,
  packageParts,
  type OfficeFormat,
  type ReportLanguage,
} from './pandoc.ts';
