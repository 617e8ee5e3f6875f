import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NESTED_ORDERS, ORDERS, renderPanel, SNAPSHOT, useRegistry } from '../../../test/harness';
import { resetNodeTypes } from '../../nodeTypes';
import type { FieldSpec, NodeTypeInfo } from '../../../types';
import { elementName } from '../Panel';
import type { UnpackArrayConfig } from '../types';

const field = (f: Partial<FieldSpec> & Pick<FieldSpec, 'name' | 'label' | 'type'>): FieldSpec => ({
  path: f.name,
  required: false,
  description: '',
  sensitive: false,
  custom: false,
  ...f,
});

/** The node type as SPEC §2b describes it, for as long as the registry snapshot does not have it. */
const UNPACK: NodeTypeInfo = SNAPSHOT.find((t) => t.type === 'unpackArray') ?? {
  type: 'unpackArray',
  label: 'Unpack array',
  group: 'Processors',
  description: 'One event per element of an array property.',
  color: '#8a3ffc',
  inputs: [{ port: 'in', label: 'Input' }],
  output: true,
  roles: [],
  fields: [
    field({ name: 'array', label: 'Array property', type: 'property', required: true, custom: true }),
    field({ name: 'as', label: 'Element name', type: 'string', required: true }),
    field({ name: 'index', label: 'Position name', type: 'string' }),
  ],
};

describe('the unpack array panel', () => {
  beforeEach(() => useRegistry([...SNAPSHOT.filter((t) => t.type !== 'unpackArray'), UNPACK]));
  afterEach(() => {
    cleanup();
    resetNodeTypes();
  });

  it('offers only the input’s arrays, names the element after the array, and takes a position name', async () => {
    const { last } = renderPanel<UnpackArrayConfig>('unpackArray', {}, [NESTED_ORDERS]);
    const select = screen.getByLabelText('Array property');
    expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Choose an array property',
      'items (ARRAY<ROW>)',
    ]);
    await userEvent.selectOptions(select, 'items');
    expect(last()).toEqual({ array: 'items', as: 'item' });
    expect(screen.getByText(/item\.sku, item\.qty, item\.price/)).toBeInTheDocument();
    const index = UNPACK.fields.find((f) => f.name === 'index')!;
    fireEvent.change(screen.getByLabelText(index.label), { target: { value: 'itemNumber' } });
    expect(last()).toEqual({ array: 'items', as: 'item', index: 'itemNumber' });
  });

  it('keeps a name the user gave, and says when the input has no array', async () => {
    const { last } = renderPanel<UnpackArrayConfig>('unpackArray', { as: 'line' }, [NESTED_ORDERS]);
    await userEvent.selectOptions(screen.getByLabelText('Array property'), 'items');
    expect(last()).toEqual({ array: 'items', as: 'line' });
    cleanup();
    renderPanel<UnpackArrayConfig>('unpackArray', {}, [ORDERS]);
    expect(screen.getByRole('option', { name: 'The input has no ARRAY property' })).toBeInTheDocument();
  });

  it('names elements in the singular', () => {
    expect(['items', 'entries', 'boxes', 'data', 'address'].map(elementName)).toEqual([
      'item',
      'entry',
      'box',
      'dataElement',
      'addressElement',
    ]);
  });
});
