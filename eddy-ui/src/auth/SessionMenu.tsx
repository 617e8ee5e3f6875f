// Who is signed in, in the app header, with Sign out — shown for a local user only (the owner on
// loopback and API tokens have no session to end here; docs/security.md).
import { Button, HeaderGlobalBar } from '@carbon/react';
import { signOut } from '../api';
import { reload, useSessionStore } from './permissions';

/** The session is the one the app loaded (useSessionStore), not asked for again. */
export function SessionMenu({ onSignedOut = reload }: { onSignedOut?: () => void }) {
  const session = useSessionStore((s) => s.session);
  if (!session?.signedIn || session.kind !== 'user') return null;
  return (
    <HeaderGlobalBar>
      <span className="eddy-session" data-testid="signed-in-as">
        {session.user} ({session.role})
      </span>
      <Button
        kind="ghost"
        size="sm"
        onClick={async () => {
          // signed out or not, the page reloads to the sign-in page the server now asks for
          await signOut().catch(() => undefined);
          onSignedOut();
        }}
      >
        Sign out
      </Button>
    </HeaderGlobalBar>
  );
}
