/**
 * Who among the staff may do what (accounts, sessions, preparing meetings), as data: the one
 * table the account routes consult. Participants have no account and appear nowhere here;
 * what happens inside a meeting is the meeting policy (policy.ts).
 */
export const ACCOUNT_ROLES = ['admin', 'programme_manager', 'facilitator', 'rapporteur', 'editor'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_OPERATIONS = ['account.list', 'account.invite', 'account.disable', 'account.erase', 'session.endAll', 'audit.read', 'participant.erase', 'meeting.prepare'] as const;
export type AccountOperation = (typeof ACCOUNT_OPERATIONS)[number];

export const ACCOUNT_POLICY: Readonly<Record<AccountOperation, readonly AccountRole[]>> = {
  'account.list': ['admin'],
  'account.invite': ['admin'],
  'account.disable': ['admin'],
  'account.erase': ['admin'],
  'session.endAll': ['admin'],
  'audit.read': ['admin'],
  'participant.erase': ['admin'],
  'meeting.prepare': ['admin', 'programme_manager', 'facilitator'],
};

export function mayAccount(role: string, operation: AccountOperation): boolean {
  return (ACCOUNT_POLICY[operation] as readonly string[]).includes(role);
}

export function isAccountRole(role: string): role is AccountRole {
  return (ACCOUNT_ROLES as readonly string[]).includes(role);
}
