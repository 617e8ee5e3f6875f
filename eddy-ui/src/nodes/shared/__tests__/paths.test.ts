import { describe, expect, it } from 'vitest';
import { NESTED_ORDERS } from '../../../test/harness';
import { propertyPaths, typeText } from '../paths';

describe('nested property paths', () => {
  it('lists every property and what is inside it, written as Flink SQL reads it', () => {
    expect(propertyPaths(NESTED_ORDERS.properties).map((p) => [p.label, p.expression, p.typeText])).toEqual([
      ['id', 'id', 'STRING'],
      ['customer', 'customer', 'ROW'],
      ['customer.name', 'customer.name', 'STRING'],
      ['customer.country', 'customer.country', 'STRING'],
      ['items', 'items', 'ARRAY<ROW>'],
      ['CARDINALITY(items)', 'CARDINALITY(items)', 'INTEGER'],
      ['items[1]', 'items[1]', 'ROW'],
      ['items[1].sku', 'items[1].sku', 'STRING'],
      ['items[1].qty', 'items[1].qty', 'INTEGER'],
      ['items[1].price', 'items[1].price', 'DECIMAL(10, 2)'],
      // reserved words are quoted, each path segment on its own
      ['order', '`order`', 'ROW'],
      ['order.value', '`order`.`value`', 'DOUBLE'],
      ['attributes', 'attributes', 'MAP<STRING, STRING>'],
      ['CARDINALITY(attributes)', 'CARDINALITY(attributes)', 'INTEGER'],
      ['ordertime', 'ordertime', 'TIMESTAMP_LTZ'],
    ]);
  });

  it('reaches into arrays of arrays and names with spaces', () => {
    const paths = propertyPaths([
      { name: 'my grid', type: 'ARRAY', items: { type: 'ARRAY', items: { type: 'INTEGER' } } },
    ]);
    expect(paths.map((p) => p.expression)).toEqual([
      '`my grid`',
      'CARDINALITY(`my grid`)',
      '`my grid`[1]',
      'CARDINALITY(`my grid`[1])',
      '`my grid`[1][1]',
    ]);
    expect(typeText({ type: 'ARRAY', items: { type: 'ARRAY', items: { type: 'INTEGER' } } })).toBe(
      'ARRAY<ARRAY<INTEGER>>',
    );
  });
});
