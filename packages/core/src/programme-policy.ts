import type { AccountRole } from './account-policy.ts';

/**
 * Who may do what with programmes (routekaarten), as data. Reading a programme, its meetings,
 * follow-ups, trends and calendar is public; everything here changes something.
 */
export type ProgrammeActorRole = AccountRole | 'public';
export const PROGRAMME_ACTOR_ROLES: readonly ProgrammeActorRole[] = ['admin', 'programme_manager', 'facilitator', 'rapporteur', 'editor', 'public'];

export const PROGRAMME_OPERATIONS = ['programme.create', 'programme.edit', 'followUp.add', 'followUp.close', 'themes.confirm'] as const;
export type ProgrammeOperation = (typeof PROGRAMME_OPERATIONS)[number];

export const PROGRAMME_POLICY: Readonly<Record<ProgrammeOperation, readonly ProgrammeActorRole[]>> = {
  'programme.create': ['admin', 'programme_manager'],
  'programme.edit': ['admin', 'programme_manager'],
  // Follow-ups are agreed in a meeting: its facilitator writes them down, the programme manager too.
  'followUp.add': ['admin', 'programme_manager', 'facilitator'],
  'followUp.close': ['admin', 'programme_manager', 'facilitator'],
  // Lesson themes are suggested by the software and confirmed by a person who oversees the programme.
  'themes.confirm': ['admin', 'programme_manager'],
};

export function mayProgramme(role: string, operation: ProgrammeOperation): boolean {
  return (PROGRAMME_POLICY[operation] as readonly string[]).includes(role);
}
