/** Fewest answers for which a distribution may be shown (the k of the k-threshold). */
export const K_THRESHOLD = 3;

/** Join codes: 8 characters without look-alikes (no 0/O, no 1/I/L). */
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;
