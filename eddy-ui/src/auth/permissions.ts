// What the signed-in caller's role lets them do (docs/security.md): the app loads the session once and
// hides or disables the controls a role may not use, saying why. The server refuses them anyway (403);
// this only spares a viewer controls that cannot work. While the role is not known (no answer yet, or
// an older server), every control stays: the server decides.
import { create } from 'zustand';
import { getSession, type Session } from '../api';

export type Role = 'viewer' | 'editor' | 'admin';
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

interface SessionState {
  session: Session | null;
  /** Asks the server who is signed in (once per page load). */
  load(): Promise<void>;
}

/** Reloads the page: after signing in or out the server decides what the app shows. */
export const reload = () => window.location.reload();

export const useSessionStore = create<SessionState>()((set) => ({
  session: null,
  async load() {
    try {
      set({ session: await getSession() });
    } catch {
      set({ session: null });
    }
  },
}));

/**
 * Why `session` may not do `what` (which needs `needed`), as one sentence, or null when it may or the
 * role is not known. `what` starts the sentence: "Changing flows", "Deploying".
 */
export function refusal(session: Session | null, needed: Role, what: string): string | null {
  const role = session?.signedIn ? session.role : undefined;
  if (!role || !(role in RANK) || RANK[role] >= RANK[needed]) return null;
  const who = session?.user ? `${session.user} has the role ${role}` : `your role is ${role}`;
  return `${what} needs the role ${needed}; ${who}.`;
}

/** The refusal for the signed-in caller, following the session. */
export function useRefusal(needed: Role, what: string): string | null {
  const session = useSessionStore((s) => s.session);
  return refusal(session, needed, what);
}
