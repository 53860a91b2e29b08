/** Every reason the domain refuses a command. The interface translates the code. */
export const DOMAIN_ERROR_CODES = [
  'meeting_exists',
  'meeting_not_found',
  'invalid_transition',
  'method_mismatch',
  'no_such_step',
  'at_first_step',
  'at_last_step',
  'not_running',
  'joining_closed',
  'not_a_participant',
  'forbidden',
  'meeting_locked',
  'participant_removed',
  'no_timer',
  'input_closed',
  'unsupported_input',
  'invalid_contribution',
  'no_group',
  'not_scribe',
  'invalid_groups',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A refusal: a stable code for programs and the interface, and a plain English detail for logs. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly detail: string;
}

export function domainError(code: DomainErrorCode, detail: string): DomainError {
  return { code, detail };
}

/** The outcome of deciding a command: the events to append, or why nothing happens. */
export type Decision<E> = { ok: true; events: E[] } | { ok: false; error: DomainError };
