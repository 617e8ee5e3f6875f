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
      nested: { a: 1 },
    });
    expect(fromSample(sample).properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'big', type: 'BIGINT' },
      { name: 'paid', type: 'BOOLEAN' },
      { name: 'ordertime', type: 'TIMESTAMP' },
      { name: 'iso', type: 'TIMESTAMP_LTZ' },
    ]);
  });

  it('says what is wrong with a sample that is not a JSON object', () => {
    expect(fromSample('{"id": ').error).toMatch(/^The sample is not valid JSON/);
    expect(fromSample('[1, 2]').error).toBe('The sample must be a JSON object, e.g. {"id": "a1", "price": 9.5}.');
  });

  it('maps an Avro record schema', () => {
    const schema = JSON.stringify({
      type: 'record',
      name: 'Order',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'quantity', type: 'int' },
        { name: 'total', type: 'long' },
        { name: 'price', type: 'float' },
        { name: 'note', type: ['null', 'string'] },
        { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
        { name: 'tags', type: { type: 'array', items: 'string' } },
      ],
    });
    expect(fromAvro(schema).properties).toEqual([
      { name: 'id', type: 'STRING' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'total', type: 'BIGINT' },
      { name: 'price', type: 'DOUBLE' },
      { name: 'note', type: 'STRING' },
      { name: 'at', type: 'TIMESTAMP_LTZ' },
    ]);
    expect(fromAvro('{"type": "string"}').error).toBe('The Avro schema must be a record with fields.');
  });
});
