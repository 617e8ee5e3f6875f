import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { PanelInput } from '../../shared/panel';
import type { WindowJoinConfig } from '../types';

const PAYMENTS: PanelInput = {
  id: 'p',
  name: 'Payments',
  port: 'right',
  properties: [
    { name: 'id', type: 'STRING' },
    { name: 'orderid', type: 'STRING' },
    { name: 'amount', type: 'DOUBLE' },
    { name: 'paytime', type: 'TIMESTAMP', eventTime: true },
  ],
};

describe('the window join panel', () => {
  it('sets the join type, condition, windows and each side’s event time, and flags name clashes', async () => {
    const { last } = renderPanel<WindowJoinConfig>('windowJoin', {}, [{ ...ORDERS, port: 'left' }, PAYMENTS]);

    await userEvent.selectOptions(screen.getByLabelText(/Join type/), 'LEFT');
    expect(last().join).toBe('LEFT');

    await userEvent.selectOptions(screen.getByLabelText('Property of Orders'), 'id');
    await userEvent.selectOptions(screen.getByLabelText('Property of Payments'), 'orderid');
    await userEvent.click(screen.getByRole('button', { name: 'Add to condition' }));
    expect(last().condition).toBe('`Orders`.`id` = `Payments`.`orderid`');

    await userEvent.type(screen.getByLabelText('Window duration value'), '10');
    await userEvent.selectOptions(screen.getByLabelText('Window duration unit'), 'MINUTE');
    expect(last().window).toEqual({ size: { value: 10, unit: 'MINUTE' } });
    await userEvent.click(screen.getByLabelText(/Rolling window/));
    expect(last().window?.slide).toEqual({ value: 1, unit: 'MINUTE' });
    await userEvent.click(screen.getByLabelText(/Rolling window/));
    expect(last().window?.slide).toBeUndefined();

    // only event times are offered, and the input is the one on the port
    const leftTime = screen.getByLabelText('Event time of Orders');
    expect([...leftTime.querySelectorAll('option')].map((o) => o.value)).toEqual(['', 'ordertime']);
    await userEvent.selectOptions(leftTime, 'ordertime');
    await userEvent.selectOptions(screen.getByLabelText('Event time of Payments'), 'paytime');
    expect(last().left).toEqual({ input: 'Orders', timeProperty: 'ordertime' });
    expect(last().right).toEqual({ input: 'Payments', timeProperty: 'paytime' });

    // `id` is in both inputs
    expect(screen.getAllByText('Another property has this name: rename or remove one.')).toHaveLength(2);
    await userEvent.click(screen.getByLabelText('Keep Payments.id'));
    expect(last().output).toEqual({ remove: ['Payments.id'], rename: {} });
  });
});
