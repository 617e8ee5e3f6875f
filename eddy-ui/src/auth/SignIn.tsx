// The sign-in page of the owner on loopback (docs/security.md): the server answered 401, so this
// browser has no session yet. The start-up line's address signs in by itself; pasting the access
// token here does the same (the server sets the session cookie and removes the token from the URL).
import { useEffect, useState } from 'react';
import { Button } from '@carbon/react';
import { TextInput } from '../common/inputs';
import { SIGN_IN_NEEDED } from '../api';

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

export function SignIn() {
  const [token, setToken] = useState('');
  return (
    <section className="eddy-sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to Eddy</h1>
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
    </section>
  );
}
