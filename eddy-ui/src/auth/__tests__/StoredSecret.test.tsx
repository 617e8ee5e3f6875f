import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPanel } from '../../test/harness';
import { fakeServer } from '../../test/fakeServer';
import type { SourceConfig } from '../../nodes/source/types';

afterEach(() => {
  vi.unstubAllGlobals();
});

// The server never answers a secret: a stored one comes back sealed (docs/security.md).
const SEALED = 'eddy-enc:v1:AAAAsealedBBBB';

describe('a stored secret in a node form', () => {
  it('says a secret is set without showing it, keeps it untouched, and can replace or clear it', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const initial = {
      kafka: {
        bootstrapServers: ['broker:9093'],
        security: { protocol: 'SASL_SSL', mechanism: 'PLAIN', username: 'u', password: SEALED },
      },
    } as unknown as SourceConfig;
    const { last, container } = renderPanel<SourceConfig>('source', initial);
    expect(screen.getByText('A secret is stored. It is never shown; replace it or clear it.')).toBeInTheDocument();
    expect(container.innerHTML).not.toContain(SEALED);
    expect(screen.queryByLabelText('Password')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Replace or clear Password' }));
    expect(last().kafka?.security?.password).toBeUndefined();
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'new one' } });
    expect(last().kafka?.security?.password).toBe('new one');
  });
});
