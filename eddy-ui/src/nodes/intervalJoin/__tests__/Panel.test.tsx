import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { PanelInput } from '../../shared/panel';
import type { IntervalJoinConfig } from '../types';

const CANCELLATIONS: PanelInput = {
  id: 'c',
  name: 'Cancellations',
  port: 'right',
  properties: [
    { name: 'id', type: 'STRING' },
    { name: 'orderid', type: 'STRING' },
    { name: 'canceltime', type: 'TIMESTAMP', eventTime: true },
  ],
};

describe('the interval join panel', () => {
  it('builds the condition and window from both inputs and flags name clashes', async () => {
    const { last } = renderPanel<IntervalJoinConfig>('intervalJoin', {}, [{ ...ORDERS, port: 'left' }, CANCELLATIONS]);
    await userEvent.selectOptions(screen.getByLabelText('Property of Orders'), 'id');
    await userEvent.selectOptions(screen.getByLabelText('Property of Cancellations'), 'orderid');
    await userEvent.click(screen.getByRole('button', { name: 'Add to condition' }));
    expect(last().condition).toBe('`Orders`.`id` = `Cancellations`.`orderid`');

    const [detectInput, anchorInput] = screen.getAllByLabelText('Input');
    await userEvent.selectOptions(detectInput, 'Cancellations');
    await userEvent.selectOptions(screen.getAllByLabelText('Its event time')[0], 'canceltime');
    await userEvent.selectOptions(anchorInput, 'Orders');
    await userEvent.selectOptions(screen.getAllByLabelText('Its event time')[1], 'ordertime');
    await userEvent.type(screen.getByLabelText('Window starts at (offset, may be negative) value'), '0');
    await userEvent.selectOptions(screen.getByLabelText('Window starts at (offset, may be negative) unit'), 'MINUTE');
    await userEvent.type(screen.getByLabelText('Window ends at (offset) value'), '30');
    await userEvent.selectOptions(screen.getByLabelText('Window ends at (offset) unit'), 'MINUTE');
    expect(last().window).toEqual({
      detect: { input: 'Cancellations', property: 'canceltime' },
      anchor: { input: 'Orders', property: 'ordertime' },
      start: { value: 0, unit: 'MINUTE' },
      end: { value: 30, unit: 'MINUTE' },
    });
    // `id` is in both inputs
    expect(screen.getAllByText('Another property has this name: rename or remove one.')).toHaveLength(2);
    await userEvent.click(screen.getByLabelText('Keep Cancellations.id'));
    expect(last().output).toEqual({ remove: ['Cancellations.id'], rename: {} });
    expect(screen.queryByText('Another property has this name: rename or remove one.')).toBeNull();
  });
});
