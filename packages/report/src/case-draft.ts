import type { Case, CaseDraft, Contribution, MeetingState } from '@goedwerk/core';
import { localize } from '@goedwerk/core/localize';
import { stepRuntime } from '@goedwerk/core/state';
import { noteBlocks, reportLanguage } from './model.ts';
import { WORDS } from './words.ts';

const byTime = (a: Contribution, b: Contribution) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** Labels a group's note may use for its hindsight and its publicity test, in either language. */
const HINDSIGHT = /^(met de wijsheid van nu|wijsheid achteraf|achteraf|in hindsight|with hindsight)$/i;
const PUBLICITY = /^(toets der openheid|publicity test)$/i;

/**
 * [LB-35] From meeting to case: a dilemma one group worked on becomes a draft for the library, in
 * the meeting's language — the tension the group formulated, the case it started from (situation,
 * what was done, consequence), the group's own hindsight and publicity test, and the lessons the
 * meeting harvested as questions for a next conversation. It names no one: the group's notes are
 * shown to a reviewer, who checks anonymity before anything is published. Null for an unknown group.
 */
export function caseDraftFromGroup(state: MeetingState, groupId: string, cases: readonly Case[]): CaseDraft | null {
  const group = state.groups.find((g) => g.id === groupId);
  if (!group) return null;
  const lang = reportLanguage(state);
  const w = WORDS[lang];
  const t = (text: Parameters<typeof localize>[0]) => localize(text, lang);
  const theCase = group.caseId ? cases.find((c) => c.id === group.caseId) : undefined;
  const hindsight: string[] = [];
  const publicity: string[] = [];
  const other: string[] = [];
  for (const round of state.agenda) {
    for (const step of round.steps) {
      if (step.scope !== 'group' || step.primitive !== 'note') continue;
      const mine = Object.values(stepRuntime(state, step.id).contributions).filter((c) => c.groupId === group.id).sort(byTime);
      for (const c of mine) {
        const text = c.payload?.kind === 'note' ? c.payload.text : '';
        for (const block of noteBlocks(text)) {
          if (block.kind === 'labelled' && HINDSIGHT.test(block.label)) hindsight.push(block.text);
          else if (block.kind === 'labelled' && PUBLICITY.test(block.label)) publicity.push(block.text);
          else if (block.kind === 'labelled') other.push(`${block.label}: ${block.text}`);
          else if (block.kind === 'paragraph') other.push(block.text);
        }
      }
    }
  }
  const one = (text: string | undefined) => (text && text.trim() ? { [lang]: text.trim() } : undefined);
  const title = group.dilemma ? w.tension(group.dilemma.hornA, group.dilemma.hornB) : theCase ? t(theCase.title) : group.name;
  const situation = [theCase ? t(theCase.situation) : '', ...other].filter(Boolean).join('\n\n');
  const draft: CaseDraft = {
    title: { [lang]: title },
    situation: { [lang]: situation || title },
    hornA: one(group.dilemma?.hornA ?? (theCase ? t(theCase.hornA) : undefined)),
    hornB: one(group.dilemma?.hornB ?? (theCase ? t(theCase.hornB) : undefined)),
    action: one(theCase ? t(theCase.action) : undefined),
    consequence: one(theCase ? t(theCase.consequence) : undefined),
    hindsight: one(hindsight.length > 0 ? hindsight.join('\n\n') : theCase ? t(theCase.hindsight) : undefined),
    criterion: one(publicity.length > 0 ? `${lang === 'nl' ? 'Toets der openheid' : 'Publicity test'}: ${publicity.join(' ')}` : theCase ? t(theCase.criterion) : undefined),
    publicityTest: publicity.length > 0 || (theCase?.publicityTest ?? false),
    themes: theCase ? [...theCase.themes] : [],
    targetGroups: theCase ? [...theCase.targetGroups] : [],
    prompts: state.lessons.slice(0, 10).map((l) => ({ [lang]: `${l.title}${l.text ? ` — ${l.text}` : ''}` })),
    source: { [lang]: `${t(state.spec.title)}${state.spec.date ? `, ${state.spec.date}` : ''}` },
    sourceMeetingId: state.id,
    consent: 'given',
    anonymisation: 'to_check',
  };
  // Leave out what is empty rather than storing undefined.
  return Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined)) as CaseDraft;
}
