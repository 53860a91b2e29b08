import { useState } from 'react';
import { useLocation } from 'wouter';
import { failureOf, logout, type AccountFailure } from './api.ts';
import { leaveFarewell, signedOut } from './session.ts';

/** Signs out on the server (the other tabs of this browser follow), then goes to the login page. */
export function useSignOut(): { signOut: () => Promise<void>; busy: boolean; failure: AccountFailure | null } {
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AccountFailure | null>(null);
  async function signOut() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await logout();
    } catch (error) {
      setBusy(false);
      setFailure(failureOf(error));
      return;
    }
    setBusy(false);
    signedOut();
    leaveFarewell({ kind: 'signed-out' });
    navigate('/login');
  }
  return { signOut, busy, failure };
}
