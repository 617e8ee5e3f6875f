import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPanel } from '../../../test/harness';
import { fakeServer } from '../../../test/fakeServer';
import type { SourceConfig } from '../types';

const SAMPLE = '{"id": "a1", "region": "EMEA", "price": 9.5, "quantity": 2, "ordertime": "2024-01-01 10:00:00.000"}';

describe('the event source panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lists the topics of the cluster and selects one', async () => {
    const server = fakeServer({
      'POST /api/kafka/topics': () => ({ body: { topics: ['STOCK.MOVEMENT', 'ORDERS.NEW'] } }),
    });
    const { last } = renderPanel<SourceConfig>('source', { kafka: { bootstrapServers: ['localhost:9092'] } });
    await userEvent.click(await screen.findByRole('option', { name: 'ORDERS.NEW' }, { timeout: 2000 }));
    expect(last().kafka).toEqual({ bootstrapServers: ['localhost:9092'], topic: 'ORDERS.NEW' });
    expect(server.calls[0].body).toEqual({ bootstrapServers: ['localhost:9092'] });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Search topics' }), 'stock');
    expect(screen.queryByRole('option', { name: 'ORDERS.NEW' })).toBeNull();
  });

  it('shows why the topics cannot be read', async () => {
    fakeServer({
      'POST /api/kafka/topics': () => ({
        status: 422,
        body: { error: 'The Kafka cluster at nowhere:9092 cannot be reached.' },
      }),
    });
    renderPanel<SourceConfig>('source', { kafka: { bootstrapServers: ['nowhere:9092'] } });
    expect(
      await screen.findByText('The Kafka cluster at nowhere:9092 cannot be reached.', {}, { timeout: 2000 }),
    ).toBeInTheDocument();
  });

  it('derives the properties from a sample message and takes a timestamp as event time', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'ORDERS.NEW' },
    });
    fireEvent.change(screen.getByLabelText('Sample message'), { target: { value: SAMPLE } });
    expect(last().sample).toBe(SAMPLE);
    expect(last().properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'region', type: 'STRING' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'ordertime', type: 'TIMESTAMP' },
    ]);
    // deselect a property, change a type
    await userEvent.click(screen.getByLabelText('Use id'));
    await userEvent.selectOptions(screen.getByLabelText('Type of quantity'), 'BIGINT');
    expect(last().properties).toEqual([
      { name: 'region', type: 'STRING' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'quantity', type: 'BIGINT' },
      { name: 'ordertime', type: 'TIMESTAMP' },
    ]);
    await userEvent.selectOptions(screen.getByLabelText('Event time property'), 'ordertime');
    expect(last().eventTime).toEqual({ property: 'ordertime' });
    // the delay is a plain duration field of the generic form
    await userEvent.type(screen.getByLabelText('Event time delay value'), '5');
    await userEvent.selectOptions(screen.getByLabelText('Event time delay unit'), 'SECOND');
    expect(last().eventTimeDelay).toEqual({ value: 5, unit: 'SECOND' });
  });

  it('shows a nested sample as a tree: any property left out or retyped, DECIMAL and timestamp formats', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'ORDERS.NESTED' },
    });
    fireEvent.change(screen.getByLabelText('Sample message'), {
      target: {
        value: JSON.stringify({
          id: 'o-1',
          customer: { name: 'Ada', country: 'DE' },
          items: [{ sku: 'JE-01', qty: 2, price: 19.99 }],
          paidAt: 1709543005000,
        }),
      },
    });
    const tree = screen.getByRole('list', { name: 'Event properties' });
    expect(tree).toHaveTextContent('customer');
    expect(screen.getByLabelText('Use customer.country')).toBeChecked();
    expect(screen.getByLabelText('Type of items[]')).toHaveValue('ROW');
    await userEvent.click(screen.getByLabelText('Use customer.name'));
    await userEvent.selectOptions(screen.getByLabelText('Type of items[].price'), 'DECIMAL');
    fireEvent.change(screen.getByLabelText('Precision of items[].price'), { target: { value: '12' } });
    await userEvent.selectOptions(screen.getByLabelText('Type of paidAt'), 'TIMESTAMP_LTZ');
    expect(screen.getByLabelText('Format of paidAt')).toHaveValue('epochMillis');
    expect(last().properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'customer', type: 'ROW', properties: [{ name: 'country', type: 'STRING' }] },
      {
        name: 'items',
        type: 'ARRAY',
        items: {
          type: 'ROW',
          properties: [
            { name: 'sku', type: 'STRING' },
            { name: 'qty', type: 'INTEGER' },
            { name: 'price', type: 'DECIMAL', precision: 12, scale: 2 },
          ],
        },
      },
      { name: 'paidAt', type: 'TIMESTAMP_LTZ', format: 'epochMillis' },
    ]);
    // a left-out ROW disables what it holds; hiding a ROW's properties keeps them
    await userEvent.click(screen.getByLabelText('Use customer'));
    expect(screen.getByLabelText('Use customer.country')).toBeDisabled();
    expect(last().properties?.map((p) => p.name)).toEqual(['id', 'items', 'paidAt']);
    await userEvent.click(screen.getByRole('button', { name: 'Hide what items holds' }));
    expect(screen.queryByLabelText('Type of items[].sku')).toBeNull();
    // the event time offers the top-level timestamps
    await userEvent.selectOptions(screen.getByLabelText('Event time property'), 'paidAt');
    expect(last().eventTime).toEqual({ property: 'paidAt' });
  });

  it('reads the structure of Avro messages from their record schema, nested records and decimals included', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const schema = {
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'string' },
        {
          name: 'customer',
          type: { type: 'record', name: 'Customer', fields: [{ name: 'country', type: 'string' }] },
        },
        { name: 'total', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
      ],
    };
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'ORDERS.AVRO' },
      format: 'avro',
      avroSchema: schema,
    });
    // no sample message for Avro: the schema (a JSON object in the document) is shown as text
    expect(screen.queryByLabelText('Sample JSON message')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Use a recent message from the topic' })).toBeNull();
    expect(screen.getByLabelText('Avro schema')).toHaveValue(JSON.stringify(schema, null, 2));
    expect(screen.getByLabelText('Type of total')).toHaveValue('DECIMAL');
    expect(screen.getByLabelText('Precision of total')).toHaveValue(10);
    // nothing chosen yet (the document has no properties): choose a record and the decimal
    expect(screen.getByLabelText('Use customer.country')).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Use customer'));
    await userEvent.click(screen.getByLabelText('Use total'));
    expect(last().properties).toEqual([
      { name: 'customer', type: 'ROW', properties: [{ name: 'country', type: 'STRING' }] },
      { name: 'total', type: 'DECIMAL', precision: 10, scale: 2 },
    ]);
  });

  it('offers a Kafka metadata timestamp as the event time', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'ORDERS.NEW' },
      sample: SAMPLE,
      properties: [{ name: 'id', type: 'STRING' }],
      metadata: [
        { name: 'orderKey', from: 'key' },
        { name: 'kafkaTime', from: 'timestamp' },
      ],
    });
    const select = screen.getByLabelText('Event time property');
    expect([...select.querySelectorAll('option')].map((o) => o.value)).toEqual(['', 'kafkaTime']);
    await userEvent.selectOptions(select, 'kafkaTime');
    expect(last().eventTime).toEqual({ property: 'kafkaTime' });
  });

  it('takes a recent message from the topic', async () => {
    fakeServer({
      'POST /api/kafka/topics': () => ({ body: ['ORDERS.NEW'] }),
      'POST /api/kafka/sample': () => ({ body: { message: SAMPLE } }),
    });
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'ORDERS.NEW' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Use a recent message from the topic' }));
    await waitFor(() => expect(last().sample).toBe(JSON.stringify(JSON.parse(SAMPLE), null, 2)));
    expect(last().properties).toHaveLength(5);
  });

  it('sets SCRAM credentials over TLS, and the Kafka timestamp as event time', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const { last } = renderPanel<SourceConfig>('source', { kafka: { bootstrapServers: ['broker:9093'] } });
    // SASL fields are shown for SASL protocols only
    expect(screen.queryByLabelText('Username')).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Security protocol'), 'SASL_SSL');
    await userEvent.selectOptions(screen.getByLabelText('SASL mechanism'), 'SCRAM-SHA-512');
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'u' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'p' } });
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(last().kafka?.security).toEqual({
      protocol: 'SASL_SSL',
      mechanism: 'SCRAM-SHA-512',
      username: 'u',
      password: 'p',
    });
    await userEvent.click(screen.getByLabelText('The Kafka message timestamp'));
    expect(last().eventTime).toEqual({ kafkaTimestamp: 'kafkaTimestamp' });
  });

  it('reads the topic as a changelog keyed by a STRING property', async () => {
    fakeServer({ 'POST /api/kafka/topics': () => ({ body: [] }) });
    const { last } = renderPanel<SourceConfig>('source', {
      kafka: { bootstrapServers: ['localhost:9092'], topic: 'CUSTOMER.TIERS' },
      properties: [
        { name: 'customerid', type: 'STRING' },
        { name: 'rank', type: 'INTEGER' },
        { name: 'updatetime', type: 'TIMESTAMP' },
      ],
      eventTime: { property: 'updatetime' },
    });
    expect(screen.queryByLabelText('Key (the message key, read as text)')).toBeNull();
    await userEvent.click(screen.getByLabelText('Read the topic as a changelog'));
    expect(last().changelog).toEqual({ key: [] });
    // only STRING properties can hold the message key's text
    const key = screen.getByLabelText('Key (the message key, read as text)');
    expect([...key.querySelectorAll('option')].map((o) => o.value)).toEqual(['', 'customerid']);
    await userEvent.selectOptions(key, 'customerid');
    expect(last().changelog).toEqual({ key: ['customerid'] });
    await userEvent.click(screen.getByLabelText('Read the topic as a changelog'));
    expect(last().changelog).toBeUndefined();
  });
});
