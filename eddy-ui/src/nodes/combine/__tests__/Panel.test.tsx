import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { PanelInput } from '../../shared/panel';
import type { CombineConfig } from '../types';

/** Web shop orders: the id is orderId, the time placedat; region and price as in ORDERS. */
const WEB: PanelInput = {
  id: 'web',
  name: 'Web shop orders',
  port: 'in',
  properties: [
    { name: 'orderId', type: 'STRING' },
    { name: 'region', type: 'STRING' },
    { name: 'price', type: 'DOUBLE' },
    { name: 'quantity', type: 'INTEGER' },
    { name: 'placedat', type: 'TIMESTAMP', eventTime: true },
  ],
};

describe('the combine panel', () => {
  it('lists the connected inputs, the chosen one first, and maps what the others name differently', async () => {
    const { last } = renderPanel<CombineConfig>('combine', {}, [WEB, ORDERS]);
    await userEvent.selectOptions(screen.getByLabelText('Output properties from'), 'Orders');
    expect(last()).toEqual({ inputs: [{ input: 'Orders' }, { input: 'Web shop orders' }] });
    // the same name feeds by default; what the web shop lacks is to be chosen
    expect(screen.getByLabelText('region from Web shop orders')).toHaveValue('region');
    expect(screen.getByLabelText('id from Web shop orders')).toHaveValue('');
    await userEvent.selectOptions(screen.getByLabelText('id from Web shop orders'), 'orderId');
    await userEvent.selectOptions(screen.getByLabelText('ordertime from Web shop orders'), 'placedat');
    expect(last()).toEqual({
      inputs: [{ input: 'Orders' }, { input: 'Web shop orders', map: { id: 'orderId', ordertime: 'placedat' } }],
    });
    // back to the property of the same name: no mapping needed
    await userEvent.selectOptions(screen.getByLabelText('region from Web shop orders'), 'orderId');
    await userEvent.selectOptions(screen.getByLabelText('region from Web shop orders'), 'region');
    expect(last().inputs?.[1]).toEqual({ input: 'Web shop orders', map: { id: 'orderId', ordertime: 'placedat' } });
  });

  it('writes a newly connected input into the list with the next edit, and drops one no longer connected', async () => {
    const { last } = renderPanel<CombineConfig>('combine', { inputs: [{ input: 'Orders' }, { input: 'Returns' }] }, [
      ORDERS,
      WEB,
    ]);
    expect(screen.getByLabelText('Output properties from')).toHaveValue('Orders');
    await userEvent.selectOptions(screen.getByLabelText('id from Web shop orders'), 'orderId');
    expect(last()).toEqual({ inputs: [{ input: 'Orders' }, { input: 'Web shop orders', map: { id: 'orderId' } }] });
  });

  it('shows the server’s problems about the inputs', () => {
    const message = '`Web shop orders` has no property `customer`: map one of its properties to it.';
    renderPanel<CombineConfig>(
      'combine',
      { inputs: [{ input: 'Orders' }, { input: 'Web shop orders' }] },
      [ORDERS, WEB],
      {
        id: 'n1',
        name: 'Combine',
        status: 'error',
        messages: [message],
        problems: [{ nodeId: 'n1', field: 'inputs', severity: 'error', code: 'combine.property-missing', message }],
        output: [],
      },
    );
    expect(screen.getByText(message)).toBeInTheDocument();
  });
});
