export { buildReportModel, type ReportDilemma, type ReportInput, type ReportModel } from './model.ts';
export { escapeMarkdown, renderMarkdown } from './markdown.ts';
export { roman } from './roman.ts';
