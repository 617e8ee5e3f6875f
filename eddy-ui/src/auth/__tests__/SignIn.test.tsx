import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { fakeServer } from '../../test/fakeServer';
import { signInAddress } from '../SignIn';
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
    });
    render(<App />);
    await screen.findByRole('heading', { name: 'Sign in to Eddy' });
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toBeDisabled();
    await userEvent.type(screen.getByLabelText('Access token'), ' abc/+= ');
    expect(button).toBeEnabled();
    expect(signInAddress('/flows/1', ' abc/+= ')).toBe('/flows/1?token=abc%2F%2B%3D');
  });
});
