import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import stopwords from 'stopwords-iso' with { type: 'json' };
import { type LessonDoc, suggestLessonThemes, tokenize } from './lesson-themes.ts';

/** Rules: docs/spec/programme.md (PG-7 … PG-9). */

/** Six lessons of three meetings of one programme, in Dutch. */
const LESSONS: readonly LessonDoc[] = [
  { meetingId: 'januari', text: 'Neem je verantwoordelijkheid. Ook als de top iets anders wil: wie zwijgt, laat de medewerkers in de kou staan.' },
  { meetingId: 'januari', text: 'Loyaliteit aan de organisatie is niet hetzelfde als gehoorzaamheid. Een les uit deze bijeenkomst: één woord kan genoeg zijn.' },
  { meetingId: 'maart', text: 'Je bent verantwoordelijk voor wat je team weet. Vertel eerlijk wat er speelt, ook over je privéleven.' },
  { meetingId: 'maart', text: 'Eerlijkheid over je twijfel maakt je niet zwakker tegenover je medewerkers.' },
  { meetingId: 'juni', text: 'Loyaliteit en openheid botsen soms; benoem die spanning hardop in de groep: dat is ieders verantwoordelijkheid.' },
  { meetingId: 'juni', text: 'Wie zich voor alles verantwoordelijk voelt, raakt uitgeput. Deel de verantwoordelijkheid in het team.' },
];

const fold = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '');

describe('lesson themes', () => {
  it('[PG-7] words keep their accents; stop words and the domain list are never suggested', () => {
    assert.deepEqual(tokenize("Privéleven, dilemma's en collega-leidinggevenden: 2014! Ook ÉÉN zoë"), ['privéleven', 'dilemma', 'collega', 'leidinggevenden', 'ook', 'één', 'zoë']);
    // Decomposed input (e + combining accent) reads as the composed word.
    assert.deepEqual(tokenize('prive\u0301leven'), ['privéleven']);

    const themes = suggestLessonThemes(LESSONS, 'nl', { top: 100 });
    const words = themes.flatMap((t) => t.words);
    assert.ok(words.includes('privéleven'), 'a word with an accent is kept as written');
    const stop = new Set(stopwords.nl);
    for (const word of words) assert.ok(!stop.has(word) && !stop.has(fold(word)), `stop word suggested: ${word}`);
    for (const word of ['één', 'een', 'les', 'bijeenkomst', 'groep', 'laat', 'staan', 'soms', 'tegenover', 'zich']) {
      assert.ok(!words.includes(word), `${word} is suggested`);
    }
    // Words the caller adds (the programme's own title words, say) go too.
    const fewer = suggestLessonThemes(LESSONS, 'nl', { top: 100, extraStopWords: ['Loyaliteit'] });
    assert.ok(themes.some((t) => t.label === 'loyaliteit') && !fewer.some((t) => t.words.includes('loyaliteit')));
  });

  it('[PG-8] one theme per stem, labelled with its most frequent word, with its meetings and lessons', () => {
    const themes = suggestLessonThemes(LESSONS, 'nl', { top: 100 });
    const responsibility = themes.filter((t) => t.words.some((w) => w.startsWith('verantwoordelijk')));
    assert.equal(responsibility.length, 1, 'verantwoordelijkheid and verantwoordelijk are one theme');
    assert.deepEqual(responsibility[0], {
      stem: 'verantwoord',
      label: 'verantwoordelijkheid', // three times, verantwoordelijk twice
      score: responsibility[0]?.score,
      meetingIds: ['januari', 'maart', 'juni'],
      lessons: [0, 2, 4, 5],
      words: ['verantwoordelijkheid', 'verantwoordelijk'],
      recurring: true,
    });
    const eerlijk = themes.find((t) => t.stem === 'eerlijk');
    assert.deepEqual([eerlijk?.words, eerlijk?.meetingIds, eerlijk?.lessons, eerlijk?.recurring], [['eerlijk', 'eerlijkheid'], ['maart'], [2, 3], false]);

    // TF-IDF with one document per lesson: a word once in a lesson of n terms weighs 1/n × idf.
    const kou = themes.find((t) => t.label === 'kou');
    const terms = ['verantwoordelijkheid', 'top', 'zwijgt', 'medewerkers', 'kou']; // what is left of lesson 0
    assert.equal(kou?.score, Math.round(((1 / terms.length) * (Math.log(7 / 2) + 1)) * 10_000) / 10_000);

    // English, with the English stemmer.
    const en = suggestLessonThemes(
      [
        { meetingId: 'a', text: 'Take responsibility, even when the top disagrees.' },
        { meetingId: 'b', text: 'Who feels responsible for everything burns out.' },
      ],
      'en',
    );
    assert.deepEqual([en[0]?.stem, en[0]?.words, en[0]?.meetingIds], ['respons', ['responsibility', 'responsible'], ['a', 'b']]);
  });

  it('[PG-9] recurring themes first, then by score and label; deterministic, whatever the order of the lessons', () => {
    const themes = suggestLessonThemes(LESSONS, 'nl');
    assert.equal(themes.length, 10, 'ten by default');
    assert.deepEqual(
      themes.slice(0, 4).map((t) => t.label),
      ['verantwoordelijkheid', 'medewerkers', 'loyaliteit', 'team'],
    );
    const firstSingle = themes.findIndex((t) => !t.recurring);
    assert.equal(firstSingle, 4);
    assert.ok(themes.slice(firstSingle).every((t) => !t.recurring), 'every recurring theme comes before the others');
    // 'eerlijk' (two lessons of one meeting) has a higher score than 'team' (two meetings), yet comes after it.
    const team = themes.find((t) => t.label === 'team');
    const eerlijk = themes.find((t) => t.label === 'eerlijk');
    assert.ok(team && eerlijk && eerlijk.score > team.score && themes.indexOf(eerlijk) > themes.indexOf(team));
    // Equal scores go by label.
    const tied = themes.filter((t) => t.score === themes[5]?.score).map((t) => t.label);
    assert.ok(tied.length > 1);
    assert.deepEqual(tied, [...tied].sort());

    assert.deepEqual(suggestLessonThemes(LESSONS, 'nl'), themes, 'the same lessons, the same themes');
    const reversed = suggestLessonThemes([...LESSONS].reverse(), 'nl');
    const view = (ts: typeof themes) => ts.map((t) => [t.stem, t.label, t.score, [...t.meetingIds].sort()]);
    assert.deepEqual(view(reversed), view(themes), 'the order of the lessons does not change the ranking');
    assert.deepEqual(suggestLessonThemes(LESSONS, 'nl', { top: 3 }), themes.slice(0, 3));
  });
});
