import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { fakeServer } from '../../test/fakeServer';
import { SignIn, signInAddress } from '../SignIn';
import { SessionMenu } from '../SessionMenu';
import { useSessionStore } from '../permissions';
import { APP_HEADER, createFlow, listFlows } from '../../api';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('signing in', () => {
  it('every request carries the app header, with or without a body', async () => {
    const server = fakeServer({
      'GET /api/flows': () => ({ body: [] }),
      'POST /api/flows': () => ({ status: 201, body: { id: 'x', name: 'x' } }),
    });
    await listFlows();
    await createFlow('x');
    expect(server.calls.map((c) => c.headers[APP_HEADER.toLowerCase()])).toEqual(['app', 'app']);
  });

  it('shows the sign-in page when the server answers 401, and signs in on the current page', async () => {
    fakeServer({
      'GET /api/flows': () => ({ status: 401, body: { error: 'Sign in first.' } }),
      'GET /api/tags': () => ({ status: 401, body: { error: 'Sign in first.' } }),
      'GET /api/session': () => ({ body: { signedIn: false, usersConfigured: false } }),
    });
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to Eddy' });
    const button = await screen.findByRole('button', { name: 'Sign in' });
    expect(button).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Access token'), ' abc/+= ');
    expect(button).toBeEnabled();
    expect(signInAddress('/flows/1', ' abc/+= ')).toBe('/flows/1?token=abc%2F%2B%3D');
  });

  it('asks a server with local users for a name and a password, and says why a sign-in failed', async () => {
    const server = fakeServer({
      'GET /api/session': () => ({ body: { signedIn: false, usersConfigured: true } }),
      'POST /api/session': (c) =>
        (c.body as { password: string }).password === 'correct horse'
          ? { body: { signedIn: true, usersConfigured: true, user: 'ada', role: 'editor', kind: 'user' } }
          : { status: 401, body: { error: 'The user name or the password is wrong.' } },
    });
    const signedIn = vi.fn();
    render(<SignIn onSignedIn={signedIn} />);
    await userEvent.type(await screen.findByLabelText('User name'), 'ada');
    expect(screen.queryByLabelText('Access token')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Password'), 'wrong password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('The user name or the password is wrong.')).toHaveAttribute('role', 'alert');
    expect(signedIn).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'correct horse');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(signedIn).toHaveBeenCalled());
    const posts = server.calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.body)).toEqual([
      { name: 'ada', password: 'wrong password' },
      { name: 'ada', password: 'correct horse' },
    ]);
  });

  it('offers "Sign in with <provider>" when OpenID Connect is configured, next to the password form', async () => {
    fakeServer({
      'GET /api/session': () => ({
        body: {
          signedIn: false,
          usersConfigured: true,
          oidc: { name: 'Keycloak', start: '/api/session/oidc/start' },
        },
      }),
    });
    render(<SignIn />);
    const link = await screen.findByRole('link', { name: 'Sign in with Keycloak' });
    expect(link).toHaveAttribute('href', '/api/session/oidc/start');
    expect(screen.getByLabelText('User name')).toBeInTheDocument();
    expect(screen.queryByLabelText('Access token')).not.toBeInTheDocument();
  });

  it('offers only the provider when OpenID Connect is the one way to sign in', async () => {
    fakeServer({
      'GET /api/session': () => ({
        body: { signedIn: false, usersConfigured: false, oidc: { name: 'Entra ID', start: '/api/session/oidc/start' } },
      }),
    });
    render(<SignIn />);
    expect(await screen.findByRole('link', { name: 'Sign in with Entra ID' })).toBeInTheDocument();
    expect(screen.queryByLabelText('User name')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Access token')).not.toBeInTheDocument();
  });

  it('shows no provider button without OpenID Connect', async () => {
    fakeServer({ 'GET /api/session': () => ({ body: { signedIn: false, usersConfigured: true } }) });
    render(<SignIn />);
    await screen.findByLabelText('User name');
    expect(screen.queryByRole('link', { name: /Sign in with/ })).not.toBeInTheDocument();
  });

  it('shows a signed-in user and their role, and signs out', async () => {
    const server = fakeServer({
      'GET /api/session': () => ({
        body: { signedIn: true, usersConfigured: true, user: 'vera', role: 'viewer', kind: 'user' },
      }),
      'DELETE /api/session': () => ({ status: 204 }),
    });
    const signedOut = vi.fn();
    await useSessionStore.getState().load();
    render(<SessionMenu onSignedOut={signedOut} />);
    expect(await screen.findByTestId('signed-in-as')).toHaveTextContent('vera (viewer)');
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(signedOut).toHaveBeenCalled());
    expect(server.calls.some((c) => c.method === 'DELETE' && c.path === '/api/session')).toBe(true);
  });

  it('shows nobody for the owner on loopback (no session to end)', async () => {
    fakeServer({
      'GET /api/session': () => ({
        body: { signedIn: true, usersConfigured: false, user: 'owner', role: 'admin', kind: 'owner' },
      }),
    });
    await useSessionStore.getState().load();
    const { container } = render(<SessionMenu />);
    await vi.waitFor(() => expect(container).toBeEmptyDOMElement());
  });
});
