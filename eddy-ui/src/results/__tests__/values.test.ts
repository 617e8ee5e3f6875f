import { describe, expect, it } from 'vitest';
import { cellText, eventOf } from '../values';

const cells = (message: string) =>
  Object.fromEntries(Object.entries(eventOf(message) ?? {}).map(([k, v]) => [k, cellText(v)]));

describe('result values', () => {
  it('shows numbers exactly as the server wrote them, decimals and big ones included', () => {
    expect(
      cells('{"total": 39.98, "exact": 19.90, "big": 12345678901234567.89, "n": 3, "e": 1e3, "neg": -0.5}'),
    ).toEqual({ total: '39.98', exact: '19.90', big: '12345678901234567.89', n: '3', e: '1e3', neg: '-0.5' });
  });

  it('shows nested objects and arrays as their JSON text, strings, booleans and nulls as values', () => {
    const message =
      '{"id":"o-1","customer":{"name":"Ada \\"the\\" first","country":"DE"},"items":[{"sku":"JE-01","price":19.90}],' +
      '"tags":["a,b","c]"],"paid":true,"note":null,"text":"x, {y}"}';
    expect(cells(message)).toEqual({
      id: 'o-1',
      customer: '{"name":"Ada \\"the\\" first","country":"DE"}',
      items: '[{"sku":"JE-01","price":19.90}]',
      tags: '["a,b","c]"]',
      paid: 'true',
      note: '',
      text: 'x, {y}',
    });
  });

  it('reads messages with spaces, a value that is not an object, and refuses what is not JSON', () => {
    expect(cells(' { "a" : [ 1 , 2 ] ,\n "b" : 2.50 } ')).toEqual({ a: '[ 1 , 2 ]', b: '2.50' });
    expect(eventOf('42')).toEqual({ value: 42 });
    expect(eventOf('{"a": ')).toBeNull();
  });
});
