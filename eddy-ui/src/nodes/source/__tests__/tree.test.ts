import { describe, expect, it } from 'vitest';
import type { PropertyDef } from '../../../types';
import { fromSample } from '../structure';
import { choose, editTree, ITEMS, rederive, retype, setDecimal, setFormat, treeRows, typeChoices } from '../tree';

const ORDER = fromSample(
  JSON.stringify({
    id: 'o-1',
    customer: { name: 'Ada', country: 'DE' },
    items: [{ sku: 'JE-01', qty: 2, price: 19.99 }],
    created: 1709543005000,
  }),
).properties;

const paths = (rows: ReturnType<typeof treeRows>): string[] =>
  rows.flatMap((r) => [`${r.path}${r.chosen ? '' : ' (left out)'}`, ...paths(r.children)]);

describe('the structure tree', () => {
  it('shows every property at every depth, elements of arrays under their array', () => {
    expect(paths(treeRows(ORDER, ORDER))).toEqual([
      'id',
      'customer',
      'customer.name',
      'customer.country',
      'items',
      'items[]',
      'items[].sku',
      'items[].qty',
      'items[].price',
      'created',
    ]);
  });

  it('leaves out a nested property and chooses it again in its place', () => {
    const without = editTree(ORDER, ORDER, ['customer', 'name'], choose(false));
    expect(without.find((p) => p.name === 'customer')).toEqual({
      name: 'customer',
      type: 'ROW',
      properties: [{ name: 'country', type: 'STRING' }],
    });
    expect(paths(treeRows(ORDER, without))).toContain('customer.name (left out)');
    expect(editTree(without, ORDER, ['customer', 'name'], choose(true))).toEqual(ORDER);
  });

  it('leaves out a property inside the elements of an array; a left-out ROW takes what is inside with it', () => {
    const noQty = editTree(ORDER, ORDER, ['items', ITEMS, 'qty'], choose(false));
    expect(noQty[2].items?.properties?.map((p) => p.name)).toEqual(['sku', 'price']);
    const noCustomer = editTree(ORDER, ORDER, ['customer'], choose(false));
    expect(noCustomer.map((p) => p.name)).toEqual(['id', 'items', 'created']);
    const rows = treeRows(ORDER, noCustomer);
    expect(rows[1].children.map((r) => [r.chosen, r.parentChosen])).toEqual([
      [false, false],
      [false, false],
    ]);
    // choosing the ROW again brings it back as the sample has it
    expect(editTree(noCustomer, ORDER, ['customer'], choose(true))).toEqual(ORDER);
  });

  it('retypes at any depth: DECIMAL with precision and scale, epoch numbers as timestamps', () => {
    let chosen: PropertyDef[] = editTree(ORDER, ORDER, ['items', ITEMS, 'price'], retype('DECIMAL'));
    expect(chosen[2].items?.properties?.[2]).toEqual({ name: 'price', type: 'DECIMAL', precision: 10, scale: 2 });
    chosen = editTree(chosen, ORDER, ['items', ITEMS, 'price'], setDecimal('precision', 12));
    chosen = editTree(chosen, ORDER, ['items', ITEMS, 'price'], setDecimal('scale', 3));
    expect(chosen[2].items?.properties?.[2]).toEqual({ name: 'price', type: 'DECIMAL', precision: 12, scale: 3 });
    chosen = editTree(chosen, ORDER, ['created'], retype('TIMESTAMP_LTZ'));
    expect(chosen[3]).toEqual({ name: 'created', type: 'TIMESTAMP_LTZ', format: 'epochMillis' });
    chosen = editTree(chosen, ORDER, ['created'], setFormat('pattern', 'dd/MM/yyyy HH:mm:ss'));
    expect(chosen[3]).toEqual({
      name: 'created',
      type: 'TIMESTAMP_LTZ',
      format: 'pattern',
      pattern: 'dd/MM/yyyy HH:mm:ss',
    });
    chosen = editTree(chosen, ORDER, ['created'], setFormat('auto'));
    expect(chosen[3]).toEqual({ name: 'created', type: 'TIMESTAMP_LTZ' });
    // an object read as a map of its values' type, and back to the sample's ROW
    chosen = editTree(chosen, ORDER, ['customer'], retype('MAP'));
    expect(chosen[1]).toEqual({ name: 'customer', type: 'MAP', values: { type: 'STRING' } });
    expect(editTree(chosen, ORDER, ['customer'], retype('ROW'))[1]).toEqual(ORDER[1]);
  });

  it('offers the structured types the sample shows, and every simple type', () => {
    const rows = treeRows(ORDER, ORDER);
    expect(typeChoices(rows[1])).toEqual(expect.arrayContaining(['ROW', 'MAP', 'STRING', 'DECIMAL']));
    expect(typeChoices(rows[1])).not.toContain('ARRAY');
    expect(typeChoices(rows[0])).not.toContain('ROW');
  });

  it('keeps choices when the sample changes: left out stays out, new is chosen, types kept', () => {
    let chosen = editTree(ORDER, ORDER, ['customer', 'name'], choose(false));
    chosen = editTree(chosen, ORDER, ['items', ITEMS, 'price'], retype('DECIMAL'));
    const after = fromSample(
      JSON.stringify({
        id: 'o-2',
        customer: { name: 'Bo', country: 'FR', vip: true },
        items: [{ sku: 'X', qty: 1, price: 5.5 }],
      }),
    ).properties;
    expect(rederive(chosen, ORDER, after)).toEqual([
      { name: 'id', type: 'STRING' },
      {
        name: 'customer',
        type: 'ROW',
        properties: [
          { name: 'country', type: 'STRING' },
          { name: 'vip', type: 'BOOLEAN' },
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
            { name: 'price', type: 'DECIMAL', precision: 10, scale: 2 },
          ],
        },
      },
    ]);
  });
});
