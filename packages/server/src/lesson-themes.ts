import type { LessonThemeSuggestion } from '@goedwerk/core';
import snowball, { type Stemmer } from 'snowball-stemmers';
import stopwordsIso from 'stopwords-iso' with { type: 'json' };

/**
 * Suggests themes that run through the lessons of a programme's meetings: words (grouped by
 * stem) that weigh in the lessons by TF-IDF, those that come back in two or more meetings first.
 * These are suggestions: a person confirms them, the module only suggests. Pure and
 * deterministic: the same lessons give the same themes in the same order. Rules:
 * docs/spec/programme.md (PG-7 … PG-9).
 */

/** One harvested lesson (its title and text together) of one meeting. */
export interface LessonDoc {
  readonly meetingId: string;
  readonly text: string;
}

export interface ThemeOptions {
  /** How many themes to suggest (default 10). */
  readonly top?: number;
  /** Fewest letters a word needs to count (default 3). */
  readonly minLength?: number;
  /** Fewest lessons a theme must come from (default 1). */
  readonly minLessons?: number;
  /** More words never to suggest, such as words of the programme's own title. */
  readonly extraStopWords?: readonly string[];
}

/** A suggested theme, in the API's shape (`@goedwerk/core` api.ts): stem, label, score, meetings, lessons, words, recurring. */
export type ThemeSuggestion = LessonThemeSuggestion;

/**
 * Words stopwords-iso does not list but that name no theme in lessons of moral deliberation:
 * the words of the format itself (every lesson comes from a meeting, a group, a case, a dilemma),
 * and the verbs and adverbs of advice ("laat …", "blijf …", "stap soms …"), the form lessons
 * are written in. Compared by stem, so every inflection goes.
 */
const DOMAIN_STOP_WORDS: Readonly<Record<'nl' | 'en', readonly string[]>> = {
  nl: [
    'les', 'lessen', 'bijeenkomst', 'deelnemer', 'deelnemers', 'groep', 'groepje', 'casus', 'casussen', 'dilemma', 'ronde', 'begeleider',
    'laat', 'laten', 'ga', 'gaat', 'gaan', 'zeg', 'zegt', 'zeggen', 'kom', 'komt', 'komen', 'sta', 'staat', 'staan', 'ligt', 'liggen',
    'lukt', 'lukken', 'blijf', 'blijft', 'blijven', 'vind', 'vindt', 'vinden', 'zie', 'ziet', 'zien', 'soms', 'echt',
  ],
  en: [
    'lesson', 'lessons', 'meeting', 'participant', 'participants', 'group', 'case', 'cases', 'dilemma', 'round', 'facilitator',
    'let', 'lets', 'get', 'gets', 'go', 'goes', 'say', 'says', 'come', 'comes', 'stay', 'stays', 'find', 'finds', 'see', 'sees', 'sometimes', 'really',
  ],
};

const STEMMERS = { nl: 'dutch', en: 'english' } as const;

/** Code-point order: the same everywhere, whatever the locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Without accents: "één" is the stop word "een". */
const fold = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** [PG-7] Lowercase words of letters (accents kept), NFC, at least `minLength` letters. */
export function tokenize(text: string, minLength = 3): string[] {
  const words = text.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
  return words.map((w) => w.normalize('NFC')).filter((w) => [...w].length >= minLength);
}

interface Analyzer {
  readonly stemmer: Stemmer;
  readonly stop: ReadonlySet<string>;
  readonly domainStems: ReadonlySet<string>;
  readonly minLength: number;
}

function analyzer(lang: 'nl' | 'en', options: ThemeOptions): Analyzer {
  const stemmer = snowball.newStemmer(STEMMERS[lang]);
  const stop = new Set([...stopwordsIso[lang], ...(options.extraStopWords ?? []).map((w) => w.toLowerCase())]);
  const domainStems = new Set(DOMAIN_STOP_WORDS[lang].map((w) => stemmer.stem(w)));
  return { stemmer, stop, domainStems, minLength: options.minLength ?? 3 };
}

/** [PG-7] The words of a lesson that may carry a theme, with their stems. */
function terms(text: string, a: Analyzer): { word: string; stem: string }[] {
  const out: { word: string; stem: string }[] = [];
  for (const word of tokenize(text, a.minLength)) {
    if (a.stop.has(word) || a.stop.has(fold(word))) continue;
    const stem = a.stemmer.stem(word);
    if (stem.length < 2 || a.domainStems.has(stem)) continue;
    out.push({ word, stem });
  }
  return out;
}

interface StemStats {
  score: number;
  readonly lessons: number[];
  readonly meetingIds: string[];
  readonly words: Map<string, number>;
}

/**
 * [PG-8] [PG-9] Themes in lessons: TF-IDF per stem over the lessons (one document per lesson), summed
 * per stem; themes that recur in two or more meetings first, then by score, ties by label.
 */
export function suggestLessonThemes(docs: readonly LessonDoc[], lang: 'nl' | 'en', options: ThemeOptions = {}): ThemeSuggestion[] {
  const a = analyzer(lang, options);
  const perDoc = docs.map((d) => terms(d.text, a));
  const df = new Map<string, number>();
  for (const ts of perDoc) for (const stem of new Set(ts.map((t) => t.stem))) df.set(stem, (df.get(stem) ?? 0) + 1);
  // Smoothed idf: a stem in every lesson still weighs (ln 1 + 1), a rare one more.
  const idf = (stem: string) => Math.log((1 + docs.length) / (1 + (df.get(stem) ?? 0))) + 1;

  const stats = new Map<string, StemStats>();
  perDoc.forEach((ts, i) => {
    const counts = new Map<string, number>();
    for (const t of ts) counts.set(t.stem, (counts.get(t.stem) ?? 0) + 1);
    for (const [stem, count] of counts) {
      const s = stats.get(stem) ?? { score: 0, lessons: [], meetingIds: [], words: new Map<string, number>() };
      s.score += (count / ts.length) * idf(stem);
      s.lessons.push(i);
      const meetingId = docs[i]?.meetingId ?? '';
      if (!s.meetingIds.includes(meetingId)) s.meetingIds.push(meetingId);
      stats.set(stem, s);
    }
    for (const t of ts) {
      const words = stats.get(t.stem)?.words;
      words?.set(t.word, (words.get(t.word) ?? 0) + 1);
    }
  });

  const themes: ThemeSuggestion[] = [...stats]
    .filter(([, s]) => s.lessons.length >= (options.minLessons ?? 1))
    .map(([stem, s]) => {
      const words = [...s.words].sort(([x, m], [y, n]) => n - m || cmp(x, y)).map(([w]) => w);
      return { stem, label: words[0] ?? stem, score: round4(s.score), meetingIds: s.meetingIds, lessons: s.lessons, words, recurring: s.meetingIds.length >= 2 };
    });
  themes.sort((x, y) => Number(y.recurring) - Number(x.recurring) || y.score - x.score || cmp(x.label, y.label));
  return themes.slice(0, options.top ?? 10);
}
