// The sign-in page (docs/security.md): the server answered 401, so this browser has no session yet.
// A server with an OpenID Connect provider offers "Sign in with <provider>" (a navigation to the
// provider and back); a server with local users asks for a user name and password; otherwise it is
// the owner's, on loopback: the start-up line's address signs in by itself, and pasting the access token here does
// the same (the server sets the session cookie and removes the token from the URL).
import { useEffect, useState } from 'react';
import { Button } from '@carbon/react';
import { PasswordInput, TextInput } from '../common/inputs';
import { getSession, signIn, SIGN_IN_NEEDED, type Session } from '../api';
import { reload } from './permissions';

/** Whether the server asked for a sign-in since the page loaded. */
export function useSignInNeeded(): boolean {
  const [needed, setNeeded] = useState(false);
  useEffect(() => {
    const onNeeded = () => setNeeded(true);
    window.addEventListener(SIGN_IN_NEEDED, onNeeded);
    return () => window.removeEventListener(SIGN_IN_NEEDED, onNeeded);
  }, []);
  return needed;
}

/** Where the browser goes to sign in with `token`: the current page, which the server redirects back to. */
export function signInAddress(path: string, token: string): string {
  return `${path}?token=${encodeURIComponent(token.trim())}`;
}

/** Reloads the page the user was on, now with the session cookie. */

export function SignIn({ onSignedIn = reload }: { onSignedIn?: () => void }) {
  // null while the server is asked how people sign in
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    getSession()
      .then(setSession)
      .catch(() => setSession({ signedIn: false, usersConfigured: false }));
  }, []);
  const oidc = session?.oidc;
  return (
    <section className="eddy-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Eddy</h1>
      {oidc && (
        <p>
          {/* a plain link: the browser goes to the provider and comes back with the session */}
          <Button href={oidc.start}>Sign in with {oidc.name}</Button>
        </p>
      )}
      {session?.usersConfigured && <UserSignIn onSignedIn={onSignedIn} />}
      {session && !session.usersConfigured && !oidc && <TokenSignIn />}
    </section>
  );
}

/** A local user signs in with a name and a password. */
function UserSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await signIn(name.trim(), password);
          onSignedIn();
        } catch (err) {
          setError((err as Error).message);
          setBusy(false);
        }
      }}
    >
      <TextInput
        id="sign-in-name"
        labelText="User name"
        value={name}
        autoComplete="username"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setName(e.target.value)}
      />
      <PasswordInput
        id="sign-in-password"
        labelText="Password"
        value={password}
        autoComplete="current-password"
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPassword(e.target.value)}
      />
      {error && (
        <p className="eddy-error-text" role="alert">
          {error}
        </p>
      )}
      <Button type="submit" disabled={busy || !name.trim() || !password}>
        Sign in
      </Button>
    </form>
  );
}

/** The owner signs in with the installation's access token. */
function TokenSignIn() {
  const [token, setToken] = useState('');
  return (
    <>
      <p>
        Open the address Eddy printed when it started (it ends with <code>?token=…</code>), or paste the access token
        from the file <code>access-token</code> in Eddy&apos;s data directory (<code>.eddy</code> by default).
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (token.trim()) window.location.assign(signInAddress(window.location.pathname, token));
        }}
      >
        <TextInput
          id="access-token"
          type="password"
          labelText="Access token"
          value={token}
          autoComplete="off"
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setToken(e.target.value)}
        />
        <Button type="submit" disabled={!token.trim()}>
          Sign in
        </Button>
      </form>
    </>
  );
}
