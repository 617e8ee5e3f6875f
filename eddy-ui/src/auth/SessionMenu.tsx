// Who is signed in, in the app header, with Sign out — shown for a local user only (the owner on
// loopback and API tokens have no session to end here; docs/security.md).
import { useEffect, useState } from 'react';
import { Button, HeaderGlobalBar } from '@carbon/react';
import { getSession, signOut, type Session } from '../api';

const reload = () => window.location.reload();

export function SessionMenu({ onSignedOut = reload }: { onSignedOut?: () => void }) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    getSession()
      .then(setSession)
      .catch(() => setSession(null));
  }, []);
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
