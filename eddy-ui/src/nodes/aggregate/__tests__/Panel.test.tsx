import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { AggregateConfig } from '../types';

describe('the aggregate panel', () => {
  it('sets a rolling window, a function and a group', async () => {
    const { last } = renderPanel<AggregateConfig>('aggregate', {}, [ORDERS]);
    // only the input's event time can drive the window
    const time = screen.getByLabelText('Event time property');
    expect([...(time as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'ordertime']);
    await userEvent.selectOptions(time, 'ordertime');
    await userEvent.type(screen.getByLabelText('Window duration value'), '1');
    await userEvent.selectOptions(screen.getByLabelText('Window duration unit'), 'HOUR');
    await userEvent.click(screen.getByLabelText('Rolling window (windows overlap, a new one starts every interval)'));
    await userEvent.click(screen.getByRole('button', { name: 'Add a function' }));
    await userEvent.selectOptions(screen.getByLabelText('Function 1'), 'SUM');
    await userEvent.selectOptions(screen.getByLabelText('Property of function 1'), 'quantity');
    await userEvent.click(screen.getByLabelText('region'));
    expect(last()).toEqual({
      window: { timeProperty: 'ordertime', size: { value: 1, unit: 'HOUR' }, slide: { value: 1, unit: 'HOUR' } },
      aggregates: [{ function: 'SUM', property: 'quantity' }],
      groupBy: ['region'],
    });
    expect(screen.getByLabelText('Result name of function 1')).toHaveAttribute('placeholder', 'SUM_quantity');
    expect(screen.getByLabelText('Keep aggregateResultTime')).toBeChecked();
  });
});
