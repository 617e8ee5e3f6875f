import { describe, expect, it } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { TopNConfig } from '../types';

describe('the top-n panel', () => {
  it('ranks by a property within a window', async () => {
    const { last } = renderPanel<TopNConfig>('topN', { limit: 5, orderBy: { direction: 'DESC' } }, [ORDERS]);
    await userEvent.selectOptions(screen.getByLabelText('Event time property'), 'ordertime');
    await userEvent.type(screen.getByLabelText('Window duration value'), '1');
    await userEvent.selectOptions(screen.getByLabelText('Window duration unit'), 'HOUR');
    fireEvent.change(screen.getByLabelText('Events to keep'), { target: { value: '3' } });
    await userEvent.selectOptions(screen.getByLabelText('Rank by property'), 'price');
    await userEvent.selectOptions(screen.getByLabelText('Order'), 'ASC');
    expect(last()).toEqual({
      limit: 3,
      orderBy: { property: 'price', direction: 'ASC' },
      window: { timeProperty: 'ordertime', size: { value: 1, unit: 'HOUR' } },
    });
    expect(screen.getByLabelText('Keep topN')).toBeChecked();
  });
});
