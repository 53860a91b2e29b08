/** A join code has 8 characters, letters and digits. */
export const JOIN_CODE_LENGTH = 8;

/** Upper-cases a typed code and drops spaces and dashes people add when copying it from the screen. */
export function normalizeJoinCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** Whether a normalized code has the right form (not whether a meeting has it). */
export function isJoinCode(code: string): boolean {
  return new RegExp(`^[A-Z0-9]{${JOIN_CODE_LENGTH}}$`).test(code);
}
