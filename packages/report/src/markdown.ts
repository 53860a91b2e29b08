import type { ReportModel } from './model.ts';

const WORDS = {
  nl: {
    kind: 'Verslag bijeenkomst',
    date: 'Datum',
    location: 'Locatie',
    ledBy: 'Onder leiding van',
    audience: 'Voor',
    questions: 'De centrale vragen waren:',
    dilemmas: "Dilemma's",
    situation: 'Situatie',
    action: 'Wat er werd gedaan',
    consequence: 'Gevolg',
    hindsight: 'Met de wijsheid van nu',
    criterion: 'Criterium',
    programme: (title: string, organiser: string) => `Deze bijeenkomst maakt deel uit van *${title}*${organiser ? `, van ${organiser}` : ''}.`,
  },
  en: {
    kind: 'Meeting report',
    date: 'Date',
    location: 'Location',
    ledBy: 'Led by',
    audience: 'For',
    questions: 'The central questions were:',
    dilemmas: 'Dilemmas',
    situation: 'Situation',
    action: 'What was done',
    consequence: 'Consequence',
    hindsight: 'In hindsight',
    criterion: 'Criterion',
    programme: (title: string, organiser: string) => `This meeting is part of *${title}*${organiser ? `, by ${organiser}` : ''}.`,
  },
} as const;

/** Escapes text so that Markdown shows it as typed, never as markup or HTML. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]{}<>()#+!|~])/g, '\\$1').replace(/^(\s*)(\d+)\./gm, '$1$2\\.').replace(/^(\s*)-/gm, '$1\\-');
}

/** Renders the report model as Markdown in the structure of the seed report. */
export function renderMarkdown(model: ReportModel): string {
  const w = WORDS[model.lang];
  const e = escapeMarkdown;
  const out: string[] = [`# ${w.kind}`, '', `## *${e(model.title)}*`];
  if (model.subtitle) out.push('', `*${e(model.subtitle)}*`);
  out.push('');
  if (model.date) out.push(`**${w.date}** ${e(model.date)}`, '');
  if (model.location) out.push(`**${w.location}** ${e(model.location)}`, '');
  if (model.facilitators.length > 0) {
    const names = model.facilitators.map((f) => (f.role ? `${e(f.name)} (${e(f.role)})` : e(f.name)));
    out.push(`${w.ledBy}: ${names.join('; ')}.`, '');
  }
  if (model.audience) out.push(`${w.audience}: ${e(model.audience)}`, '');
  if (model.centralQuestions.length > 0) {
    out.push(w.questions, '', ...model.centralQuestions.map((q, i) => `${i + 1}. ${e(q)}`), '');
  }
  for (const round of model.rounds) {
    out.push(`## ${e(round.title)}`, '');
    if (round.purpose) out.push(e(round.purpose), '');
  }
  if (model.dilemmas.length > 0) {
    out.push(`## ${w.dilemmas}`, '');
    for (const d of model.dilemmas) {
      out.push(`### *${d.number} ${e(d.title)}*`, '');
      const fields: [string, string][] = [
        [w.situation, d.situation],
        [w.action, d.action],
        [w.consequence, d.consequence],
        [w.hindsight, d.hindsight],
        [w.criterion, d.criterion],
      ];
      for (const [label, text] of fields) if (text) out.push(`**${label}.** ${e(text)}`, '');
    }
  }
  if (model.programme) out.push('---', '', w.programme(e(model.programme.title), e(model.programme.organiser)), '');
  return `${out.join('\n').trimEnd()}\n`;
}
