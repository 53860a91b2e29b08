import type { Actor, DecideContext } from './actor.ts';
import type { MeetingCommand } from './commands.ts';
import { decide } from './decide.ts';
import type { MeetingSpec } from './domain.ts';
import type { MeetingEvent } from './events.ts';
import { parseMethod, type MethodTemplate } from './method.ts';
import { evolve, type MeetingState } from './state.ts';

const t = (nl: string) => ({ nl, en: `${nl} (en)` });

/** A small method of three steps over two rounds, for tests. */
export const testMethod: MethodTemplate = parseMethod({
  id: 'test-method',
  version: 1,
  name: t('Testmethode'),
  summary: t('Een methode om mee te testen'),
  rounds: [
    {
      id: 'opening',
      title: t('Opening'),
      steps: [{ id: 'welkom', primitive: 'info', title: t('Welkom') }],
    },
    {
      id: 'dilemma',
      title: t('Dilemma'),
      steps: [
        { id: 'voor', primitive: 'choice', title: t('Voor'), options: [{ id: 'a', label: t('A') }, { id: 'b', label: t('B') }] },
        {
          id: 'na',
          primitive: 'choice',
          title: t('Na'),
          pairedWith: 'voor',
          options: [{ id: 'a', label: t('A') }, { id: 'b', label: t('B') }],
        },
      ],
    },
    {
      id: 'werk',
      title: t('Werk'),
      steps: [
        { id: 'kaarten', primitive: 'cards', title: t('Kaarten'), fields: [{ id: 'kern', label: t('Kern') }] },
        { id: 'notitie', primitive: 'note', scope: 'group', title: t('Notitie') },
        { id: 'schaal', primitive: 'scale', title: t('Schaal'), items: [{ id: 'nuttig', label: t('Nuttig'), min: 1, max: 5 }] },
        { id: 'genoemd', primitive: 'cards', visibility: 'named', title: t('Met naam') },
        { id: 'stippen', primitive: 'choice', dots: 2, title: t('Stippen'), options: [{ id: 'x', label: t('X') }, { id: 'y', label: t('Y') }, { id: 'z', label: t('Z') }] },
        { id: 'raster', primitive: 'grid', scope: 'group', title: t('Raster'), columns: [{ id: 'waarden', label: t('Waarden') }, { id: 'normen', label: t('Normen') }] },
        { id: 'groepskeuze', primitive: 'choice', scope: 'group', title: t('Groepskeuze'), options: [{ id: 'a', label: t('A') }, { id: 'b', label: t('B') }] },
        { id: 'kaart', primitive: 'map', title: t('Kaart'), fields: [{ id: 'burgers', label: t('Burgers') }, { id: 'gezin', label: t('Gezin') }] },
      ],
    },
  ],
});

export const testSpec: MeetingSpec = {
  programmeId: 'prog',
  methodId: 'test-method',
  title: { nl: 'Bijeenkomst' },
  facilitators: [],
  centralQuestions: [],
  caseIds: [],
};

export const NOW = '2026-01-23T09:00:00.000Z';
export const facilitator: Actor = { role: 'facilitator' };
export const participant = (participantId = 'participant-1'): Actor => ({ role: 'participant', participantId });
export const JOIN_CODE = 'ABCDEFGH';
export const JOIN_TOKEN = 'join-token-0123456789abcdef';
export const ctx = (actor: Actor = facilitator, now = NOW): DecideContext => ({
  now,
  actor,
  newId: (kind) => (kind === 'joinCode' ? JOIN_CODE : JOIN_TOKEN),
});

/** Runs commands from nothing, failing loudly if one is refused; returns the state. */
export function given(...commands: [MeetingCommand, Actor?][]): MeetingState | null {
  let state: MeetingState | null = null;
  for (const [command, actor] of commands) {
    const decision = decide(state, command, ctx(actor), 'meeting-1');
    if (!decision.ok) throw new Error(`setup command ${command.type} refused: ${decision.error.code}`);
    state = decision.events.reduce<MeetingState | null>((s, e: MeetingEvent) => evolve(s, e), state);
  }
  return state;
}

export const create: [MeetingCommand] = [{ type: 'CreateMeeting', spec: testSpec, method: testMethod }];
export const open: [MeetingCommand] = [{ type: 'OpenMeeting' }];
export const start: [MeetingCommand] = [{ type: 'StartMeeting' }];
