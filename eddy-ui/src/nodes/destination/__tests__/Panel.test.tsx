import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPanel } from '../../../test/harness';
import { fakeServer } from '../../../test/fakeServer';
import type { KafkaSettings } from '../../source/types';

type DestinationConfig = { kafka?: KafkaSettings; format?: string };

// The destination has no hand-written part: its panel is the generic form of its declared fields,
// with the topic list as the assistant of `kafka.topic`.
describe('the event destination panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes several servers, TLS and a new topic name', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: ['ORDERS.NEW'] }) });
    const { last } = renderPanel<DestinationConfig>('destination', { kafka: { bootstrapServers: ['a:9092'] } });
    await userEvent.click(screen.getByRole('button', { name: 'Add bootstrap server' }));
    fireEvent.change(screen.getByLabelText('Bootstrap server 2'), { target: { value: 'b:9092' } });
    await userEvent.selectOptions(screen.getByLabelText('Security protocol'), 'SSL');
    fireEvent.change(screen.getByLabelText('Truststore (PEM)'), { target: { value: 'PEM' } });
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'EMEA.ORDERS' } });
    expect(last().kafka).toEqual({
      bootstrapServers: ['a:9092', 'b:9092'],
      security: { protocol: 'SSL', truststorePem: 'PEM' },
      topic: 'EMEA.ORDERS',
    });
    // the topic list of the cluster sets the topic too
    await userEvent.click(await screen.findByRole('option', { name: 'ORDERS.NEW' }, { timeout: 2000 }));
    expect(last().kafka?.topic).toBe('ORDERS.NEW');
  });

  it('offers Avro as the message format (its schema is derived from the properties)', async () => {
    const { last } = renderPanel<DestinationConfig>('destination', { kafka: { bootstrapServers: ['a:9092'] } });
    const format = screen.getByLabelText('Message format');
    expect(format).toHaveValue(''); // the default, JSON
    await userEvent.selectOptions(format, 'avro');
    expect(last().format).toBe('avro');
  });
});
