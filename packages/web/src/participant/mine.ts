import { useCallback, useState } from 'react';
import { readJson, writeJson } from '../live/storage.ts';

/*
 * A participant's own answers, kept in this browser only. The server shows other participants'
 * contributions under other ids (so nobody can overwrite someone else's answer), and an
 * anonymous step stores no author: the browser is the only place that knows which are mine.
 */

export interface MyChoice {
  readonly id: string;
  readonly optionId: string;
  readonly reason?: string;
}
export interface MyDots {
  readonly id: string;
  readonly optionIds: readonly string[];
}
export interface MyCard {
  readonly id: string;
  readonly text: string;
  readonly fieldId?: string;
}
export interface MyScale {
  readonly id: string;
  readonly values: Readonly<Record<string, number>>;
}
export interface MyNote {
  readonly id: string;
  readonly text: string;
}
export interface MyMapEntry {
  readonly id: string;
  readonly fieldId: string;
  readonly text: string;
  readonly weight: number;
}
export interface MyMap {
  readonly id: string;
  readonly entries: readonly MyMapEntry[];
  readonly tensions: readonly { readonly a: string; readonly b: string }[];
}
/** A reaction to a card: one stable id per card (sent again after a withdrawal), and whether it is on. */
export interface MyReaction {
  readonly id: string;
  readonly on: boolean;
}
/** One contribution id per step for a choice, a scale and a note (a change replaces it); several cards. */
export interface StepMine {
  readonly choice?: MyChoice;
  readonly dots?: MyDots;
  readonly cards?: readonly MyCard[];
  readonly scale?: MyScale;
  readonly note?: MyNote;
  readonly map?: MyMap;
  readonly grid?: { readonly id: string };
  /** By the card's id as this participant sees it. */
  readonly reactions?: Readonly<Record<string, MyReaction>>;
}
export type Mine = Readonly<Record<string, StepMine>>;

export function useMine(meetingId: string, participantId: string): [Mine, (stepId: string, change: (step: StepMine) => StepMine) => void] {
  const key = `goedwerk.mine.${meetingId}.${participantId}`;
  const [mine, setMine] = useState<Mine>(() => readJson<Mine>(key) ?? {});
  const update = useCallback(
    (stepId: string, change: (step: StepMine) => StepMine) => {
      setMine((current) => {
        // Read again: another tab of the same participant may have written meanwhile.
        const stored = readJson<Mine>(key) ?? current;
        const next = { ...stored, [stepId]: change(stored[stepId] ?? {}) };
        writeJson(key, next);
        return next;
      });
    },
    [key],
  );
  return [mine, update];
}
