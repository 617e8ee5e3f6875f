import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DestinationPanel } from '../Panel';
import { renderPanel } from '../../../test/harness';
import { fakeServer } from '../../../test/fakeServer';
import type { DestinationConfig } from '../types';

describe('the event destination panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes several servers, TLS and a new topic name', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: ['ORDERS.NEW'] }) });
    const { last } = renderPanel<DestinationConfig>(DestinationPanel, { kafka: { bootstrapServers: ['a:9092'] } });
    await userEvent.click(screen.getByRole('button', { name: 'Add a server' }));
    fireEvent.change(screen.getByLabelText('Bootstrap server 2'), { target: { value: 'b:9092' } });
    await userEvent.click(screen.getByLabelText('TLS certificate only'));
    fireEvent.change(screen.getByLabelText('Topic name'), { target: { value: 'EMEA.ORDERS' } });
    expect(last().kafka).toEqual({
      bootstrapServers: ['a:9092', 'b:9092'],
      security: { protocol: 'SSL' },
      topic: 'EMEA.ORDERS',
    });
  });
});
