/** Who sends a command or watches a meeting. */
export type Actor =
  | { readonly role: 'system' }
  | { readonly role: 'facilitator' }
  | { readonly role: 'screen' }
  | { readonly role: 'participant'; readonly participantId: string };
export type Role = Actor['role'];
export const ROLES = ['system', 'facilitator', 'screen', 'participant'] as const satisfies readonly Role[];

/** What a decision may depend on besides state and command: passed in, so the core stays pure. */
export interface DecideContext {
  /** The current time as an ISO 8601 string. */
  readonly now: string;
  readonly actor: Actor;
  /** Makes a fresh random value; passed in so the core needs no source of randomness. */
  readonly newId: (kind: 'joinCode' | 'joinToken') => string;
  /** The alias participants see for a contribution id (see view.ts); identity when absent. */
  readonly alias?: (contributionId: string) => string;
}
