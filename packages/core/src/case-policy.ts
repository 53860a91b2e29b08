import type { AccountRole } from './account-policy.ts';

/**
 * Who may do what with the case library (dilemmabank), as data: the one table the case routes
 * consult. `public` is anyone, signed in or not; `participant` is someone in a meeting, known by
 * the secret their browser holds. Published cases are readable by everyone and need no entry.
 */
export type CaseActorRole = AccountRole | 'participant' | 'public';
export const CASE_ACTOR_ROLES: readonly CaseActorRole[] = ['admin', 'programme_manager', 'facilitator', 'rapporteur', 'editor', 'participant', 'public'];

export const CASE_OPERATIONS = ['case.submit', 'case.review', 'case.edit', 'case.archive', 'case.fromMeeting', 'case.import', 'case.exportAll'] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

/** Reviewers (who see cases that are not published and publish them): editors and programme managers. */
const REVIEWERS = ['admin', 'programme_manager', 'editor'] as const;

export const CASE_POLICY: Readonly<Record<CaseOperation, readonly CaseActorRole[]>> = {
  // Anyone who works with meetings may put a case forward; it waits for review, invisible.
  'case.submit': ['admin', 'programme_manager', 'facilitator', 'rapporteur', 'editor', 'participant'],
  'case.review': REVIEWERS,
  'case.edit': REVIEWERS,
  'case.archive': ['admin', 'programme_manager'],
  // A dilemma worked on in a meeting becomes a draft case (after consent): those who ran or wrote it up.
  'case.fromMeeting': ['admin', 'programme_manager', 'facilitator', 'rapporteur', 'editor'],
  'case.import': ['admin', 'programme_manager'],
  // The whole library, cases under review included; the published ones are public anyway.
  'case.exportAll': REVIEWERS,
};

export function mayCase(role: string, operation: CaseOperation): boolean {
  return (CASE_POLICY[operation] as readonly string[]).includes(role);
}
