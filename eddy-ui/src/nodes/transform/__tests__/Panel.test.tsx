import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NESTED_ORDERS, ORDERS, renderPanel } from '../../../test/harness';
import type { TransformConfig } from '../types';

describe('the transform panel', () => {
  it('adds a computed property, removes and renames output properties', async () => {
    const { last } = renderPanel<TransformConfig>('transform', {}, [ORDERS]);
    await userEvent.click(screen.getByRole('button', { name: 'Add a property' }));
    await userEvent.type(screen.getByLabelText('Name of new property 1'), 'total');
    await userEvent.selectOptions(screen.getByLabelText('Function assistant'), 'ROUND(number, 2)');
    await userEvent.click(screen.getByRole('button', { name: 'Insert' }));
    expect(last().properties).toEqual([{ name: 'total', expression: 'ROUND(number, 2)' }]);
    // the new property is an output property
    expect(screen.getByLabelText('Keep total')).toBeChecked();
    await userEvent.click(screen.getByLabelText('Keep id'));
    fireEvent.change(screen.getByLabelText('New name for region'), { target: { value: 'area' } });
    expect(last().output).toEqual({ remove: ['id'], rename: { region: 'area' } });
    // add back
    await userEvent.click(screen.getByLabelText('Keep id'));
    expect(last().output?.remove).toEqual([]);
  });

  it('shows nested input properties with their types in the output properties', () => {
    renderPanel<TransformConfig>('transform', {}, [NESTED_ORDERS]);
    const table = screen.getByRole('table', { name: 'Output properties' });
    expect(table).toHaveTextContent('items ARRAY<ROW>');
    expect(table).toHaveTextContent('attributes MAP<STRING, STRING>');
    expect(screen.getByLabelText('Keep customer')).toBeChecked();
  });

  it('flags two output properties with the same name', () => {
    renderPanel<TransformConfig>('transform', { output: { rename: { region: 'price' } } }, [ORDERS]);
    expect(screen.getAllByText('Another property has this name: rename or remove one.')).toHaveLength(2);
  });
});
