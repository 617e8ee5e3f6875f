import { describe, expect, it } from 'vitest';
import { fromAvro, fromSample } from '../structure';

describe('event structure', () => {
  it('infers property types from a sample message', () => {
    const sample = JSON.stringify({
      id: 'a1',
      price: 9.5,
      quantity: 3,
      big: 12345678901,
      paid: true,
      ordertime: '2023-05-21 14:47:20.742',
      iso: '2023-05-21T14:47:20.742Z',
      offset: '2024-03-04T10:03:25+01:00',
      missing: null,
    });
    expect(fromSample(sample).properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'big', type: 'BIGINT' },
      { name: 'paid', type: 'BOOLEAN' },
      { name: 'ordertime', type: 'TIMESTAMP' },
      { name: 'iso', type: 'TIMESTAMP_LTZ' },
      { name: 'offset', type: 'TIMESTAMP_LTZ' },
    ]);
  });

  it('infers nested objects as ROW and arrays as ARRAY of their first element, to any depth', () => {
    const sample = JSON.stringify({
      customer: { name: 'Ada', address: { country: 'DE', zip: 10115 } },
      items: [
        { sku: 'JE-01', qty: 2, price: 19.99 },
        { sku: 'JE-02', qty: 1, price: 5, extra: true },
      ],
      tags: ['new', 'gift'],
      matrix: [
        [1, 2],
        [3, 4],
      ],
      leading: [null, 7],
      empty: [],
      attributes: {},
    });
    expect(fromSample(sample).properties).toEqual([
      {
        name: 'customer',
        type: 'ROW',
        properties: [
          { name: 'name', type: 'STRING' },
          {
            name: 'address',
            type: 'ROW',
            properties: [
              { name: 'country', type: 'STRING' },
              { name: 'zip', type: 'INTEGER' },
            ],
          },
        ],
      },
      {
        name: 'items',
        type: 'ARRAY',
        items: {
          type: 'ROW',
          properties: [
            { name: 'sku', type: 'STRING' },
            { name: 'qty', type: 'INTEGER' },
            { name: 'price', type: 'DOUBLE' },
          ],
        },
      },
      { name: 'tags', type: 'ARRAY', items: { type: 'STRING' } },
      { name: 'matrix', type: 'ARRAY', items: { type: 'ARRAY', items: { type: 'INTEGER' } } },
      { name: 'leading', type: 'ARRAY', items: { type: 'INTEGER' } },
      { name: 'empty', type: 'ARRAY', items: { type: 'STRING' } },
      { name: 'attributes', type: 'MAP', values: { type: 'STRING' } },
    ]);
  });

  it('says what is wrong with a sample that is not a JSON object', () => {
    expect(fromSample('{"id": ').error).toMatch(/^The sample is not valid JSON/);
    expect(fromSample('[1, 2]').error).toBe('The sample must be a JSON object, e.g. {"id": "a1", "price": 9.5}.');
  });

  it('maps an Avro record schema, nested records, arrays, maps and logical types included', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Order',
      namespace: 'shop',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'quantity', type: 'int' },
        { name: 'total', type: 'long' },
        { name: 'price', type: 'float' },
        { name: 'note', type: ['null', 'string'] },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
        {
          name: 'customer',
          type: {
            type: 'record',
            name: 'Customer',
            fields: [
              { name: 'name', type: 'string' },
              { name: 'tier', type: { type: 'enum', name: 'Tier', symbols: ['GOLD', 'SILVER'] } },
            ],
          },
        },
        { name: 'previous', type: ['null', 'shop.Customer'] },
        {
          name: 'items',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'Item',
              fields: [
                { name: 'sku', type: 'string' },
                { name: 'price', type: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } },
              ],
            },
          },
        },
        { name: 'attributes', type: { type: 'map', values: 'string' } },
        { name: 'payload', type: 'bytes' },
        { name: 'choice', type: ['int', 'string'] },
      ],
    });
    const customer = {
      type: 'ROW',
      properties: [
        { name: 'name', type: 'STRING' },
        { name: 'tier', type: 'STRING' },
      ],
    };
    expect(fromAvro(schema).properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'total', type: 'BIGINT' },
      { name: 'price', type: 'FLOAT' },
      { name: 'note', type: 'STRING' },
      { name: 'at', type: 'TIMESTAMP_LTZ' },
      { name: 'tags', type: 'ARRAY', items: { type: 'STRING' } },
      { name: 'customer', ...customer },
      { name: 'previous', ...customer },
      {
        name: 'items',
        type: 'ARRAY',
        items: {
          type: 'ROW',
          properties: [
            { name: 'sku', type: 'STRING' },
            { name: 'price', type: 'DECIMAL', precision: 10, scale: 2 },
          ],
        },
      },
      { name: 'attributes', type: 'MAP', values: { type: 'STRING' } },
      { name: 'payload', type: 'BYTES' },
    ]);
    expect(fromAvro('{"type": "string"}').error).toBe('The Avro schema must be a record with fields.');
  });
});
