/** The report's own words, in both languages. Text people typed is never among them. */
export interface Words {
  readonly documentKind: string;
  readonly draftMark: string;
  readonly draftRunning: string;
  readonly date: string;
  readonly location: string;
  readonly intro: (leaders: readonly string[], audience: string) => string;
  readonly questions: string;
  readonly dilemmas: string;
  readonly lessons: string;
  readonly theDilemma: string;
  readonly situation: string;
  readonly action: string;
  readonly consequence: string;
  readonly hindsight: string;
  readonly criterion: string;
  readonly tension: (a: string, b: string) => string;
  readonly tooFew: (n: number) => string;
  readonly distribution: (total: number, bars: readonly { label: string; count: number; percent: number }[]) => string;
  readonly shift: (pairs: number, changed: number) => string;
  readonly evaluated: (n: number, mark: string | null) => string;
  readonly item: string;
  readonly answers: string;
  readonly average: string;
  readonly option: string;
  readonly count: string;
  readonly mapIntro: (n: number) => string;
  readonly mapField: (label: string, count: number, weight: string | null, examples: readonly string[]) => string;
  readonly tensions: string;
  readonly tensionItem: (a: string, b: string, n: number) => string;
  readonly writtenBy: (name: string) => string;
  readonly editedBy: (name: string) => string;
  readonly programme: (title: string, organiser: string, supportedBy: string) => string;
  readonly chartTotal: (n: number) => string;
}

/** "Leidinggevenden uit …" inside a sentence: "leidinggevenden uit …" (acronyms stay as they are). */
export const inSentence = (text: string) => (/^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
/** "Het programma …" inside a sentence; names keep their capital. */
const articleInSentence = (text: string) => (/^(De|Het|Een|The|A|An) /.test(text) ? inSentence(text) : text);

const list = (items: readonly string[], and: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;

export const WORDS: Readonly<Record<'nl' | 'en', Words>> = {
  nl: {
    documentKind: 'Verslag bijeenkomst',
    draftMark: 'Concept: dit verslag is nog niet goedgekeurd.',
    draftRunning: 'Concept: de bijeenkomst is nog bezig.',
    date: 'Datum',
    location: 'Locatie',
    intro: (leaders, audience) =>
      [leaders.length > 0 ? `De bijeenkomst stond onder leiding van ${list(leaders, 'en')}.` : '', audience ? `Zij was bedoeld voor ${inSentence(audience)}.` : '']
        .filter(Boolean)
        .join(' '),
    questions: 'De centrale vragen waren:',
    dilemmas: "Dilemma's",
    lessons: 'Lessen',
    theDilemma: 'Het dilemma',
    situation: 'Situatie',
    action: 'Wat er werd gedaan',
    consequence: 'Gevolg',
    hindsight: 'Met de wijsheid van nu',
    criterion: 'Criterium',
    tension: (a, b) => `${a.replace(/[.?!]$/, '')} of ${b.replace(/[.?!]$/, '')}?`,
    tooFew: (n) => `${n} ${n === 1 ? 'antwoord' : 'antwoorden'}; te weinig om een verdeling te tonen.`,
    distribution: (total, bars) =>
      `Van de ${total} antwoorden ${bars.length > 0 ? `gingen er ${list(bars.map((b) => `${b.count} naar ‘${b.label}’ (${b.percent}%)`), 'en')}` : ''}.`,
    shift: (pairs, changed) =>
      changed === 0
        ? `Van de ${pairs} deelnemers die vooraf en achteraf kozen, bleef iedereen bij de eerste keuze.`
        : `Van de ${pairs} deelnemers die vooraf en achteraf kozen, ${changed === 1 ? 'veranderde er één' : `veranderden er ${changed}`} van keuze.`,
    evaluated: (n, mark) => `${n} deelnemers vulden de evaluatie in${mark ? `; zij gaven de bijeenkomst gemiddeld een ${mark}` : ''}.`,
    item: 'Vraag',
    answers: 'Antwoorden',
    average: 'Gemiddelde (schaal)',
    option: 'Keuze',
    count: 'Aantal',
    mapIntro: (n) => `${n} deelnemers brachten hun verantwoordelijkheden in kaart. Zij noemden verantwoordelijkheid voor:`,
    mapField: (label, count, weight, examples) =>
      `${label}: ${count} keer genoemd${weight ? `, gemiddeld gewicht ${weight} van 5` : ''}${examples.length > 0 ? ` (bijvoorbeeld: ${examples.join('; ')})` : ''}`,
    tensions: 'De spanningen die het vaakst werden gevoeld:',
    tensionItem: (a, b, n) => `${a} tegenover ${b} (${n} ${n === 1 ? 'deelnemer' : 'deelnemers'})`,
    writtenBy: (name) => `Verslag geschreven door ${name}`,
    editedBy: (name) => `Redactie: ${name}`,
    programme: (title, organiser, supportedBy) =>
      `Deze bijeenkomst maakt deel uit van ${title}${organiser ? `, ontwikkeld door ${organiser}` : ''}${supportedBy ? `, en wordt mogelijk gemaakt door ${articleInSentence(supportedBy)}` : ''}.`,
    chartTotal: (n) => `${n} antwoorden`,
  },
  en: {
    documentKind: 'Meeting report',
    draftMark: 'Draft: this report has not been approved yet.',
    draftRunning: 'Draft: the meeting is still in progress.',
    date: 'Date',
    location: 'Location',
    intro: (leaders, audience) =>
      [leaders.length > 0 ? `The meeting was led by ${list(leaders, 'and')}.` : '', audience ? `It was meant for ${inSentence(audience)}.` : '']
        .filter(Boolean)
        .join(' '),
    questions: 'The central questions were:',
    dilemmas: 'Dilemmas',
    lessons: 'Lessons',
    theDilemma: 'The dilemma',
    situation: 'Situation',
    action: 'What was done',
    consequence: 'Consequence',
    hindsight: 'In hindsight',
    criterion: 'Criterion',
    tension: (a, b) => `${a.replace(/[.?!]$/, '')} or ${b.replace(/[.?!]$/, '')}?`,
    tooFew: (n) => `${n} ${n === 1 ? 'answer' : 'answers'}; too few to show a distribution.`,
    distribution: (total, bars) => `Of the ${total} answers, ${list(bars.map((b) => `${b.count} went to ‘${b.label}’ (${b.percent}%)`), 'and')}.`,
    shift: (pairs, changed) =>
      changed === 0
        ? `Of the ${pairs} participants who chose before and after, everyone kept their first choice.`
        : `Of the ${pairs} participants who chose before and after, ${changed} changed their choice.`,
    evaluated: (n, mark) => `${n} participants filled in the evaluation${mark ? `; on average they gave the meeting a ${mark}` : ''}.`,
    item: 'Question',
    answers: 'Answers',
    average: 'Average (scale)',
    option: 'Choice',
    count: 'Count',
    mapIntro: (n) => `${n} participants mapped their responsibilities. They named responsibility for:`,
    mapField: (label, count, weight, examples) =>
      `${label}: named ${count} times${weight ? `, average weight ${weight} out of 5` : ''}${examples.length > 0 ? ` (for example: ${examples.join('; ')})` : ''}`,
    tensions: 'The tensions felt most often:',
    tensionItem: (a, b, n) => `${a} against ${b} (${n} ${n === 1 ? 'participant' : 'participants'})`,
    writtenBy: (name) => `Report written by ${name}`,
    editedBy: (name) => `Editing: ${name}`,
    programme: (title, organiser, supportedBy) =>
      `This meeting is part of ${title}${organiser ? `, developed by ${organiser}` : ''}${supportedBy ? `, and is made possible by ${articleInSentence(supportedBy)}` : ''}.`,
    chartTotal: (n) => `${n} answers`,
  },
};
