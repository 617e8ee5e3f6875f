import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NESTED_ORDERS, ORDERS, renderPanel } from '../../../test/harness';
import type { DeduplicateConfig } from '../types';

describe('the deduplicate panel', () => {
  it('takes a key, a standard window and which event to keep', async () => {
    const { last } = renderPanel<DeduplicateConfig>('deduplicate', {}, [ORDERS]);
    // the event time is not offered as a key
    expect(screen.queryByLabelText('ordertime')).toBeNull();
    await userEvent.click(screen.getByLabelText('id'));
    await userEvent.click(screen.getByLabelText('region'));
    await userEvent.selectOptions(screen.getByLabelText('Event time property'), 'ordertime');
    await userEvent.type(screen.getByLabelText('Window duration value'), '1');
    await userEvent.selectOptions(screen.getByLabelText('Window duration unit'), 'HOUR');
    // no rolling windows for a deduplication
    expect(screen.queryByLabelText(/Rolling window/)).toBeNull();
    await userEvent.selectOptions(screen.getByLabelText('Keep'), 'last');
    expect(last()).toEqual({
      key: ['id', 'region'],
      window: { timeProperty: 'ordertime', size: { value: 1, unit: 'HOUR' } },
      keep: 'last',
    });
  });

  it('offers only plain properties as a key', () => {
    renderPanel<DeduplicateConfig>('deduplicate', {}, [NESTED_ORDERS]);
    expect(screen.getByLabelText('id')).toBeInTheDocument();
    expect(screen.queryByLabelText('customer')).toBeNull();
    expect(screen.queryByLabelText('items')).toBeNull();
  });

  it('shows the server’s problems at the key and at a rolling interval an imported flow has, which the next edit removes', async () => {
    const slide = 'A deduplicate window is a standard (tumbling) one: remove the rolling interval.';
    const key = 'There is no property `country` in the input `Orders`.';
    const { last } = renderPanel<DeduplicateConfig>(
      'deduplicate',
      {
        key: ['country'],
        window: {
          timeProperty: 'ordertime',
          size: { value: 1, unit: 'HOUR' },
          slide: { value: 5, unit: 'MINUTE' },
        } as DeduplicateConfig['window'],
      },
      [ORDERS],
      {
        id: 'n1',
        name: 'Deduplicate',
        status: 'error',
        messages: [key, slide],
        problems: [
          { nodeId: 'n1', field: 'key', severity: 'error', code: 'property.unknown', message: key },
          {
            nodeId: 'n1',
            field: 'window.slide',
            severity: 'error',
            code: 'deduplicate.window-rolling',
            message: slide,
          },
        ],
        output: [],
      },
    );
    expect(screen.getByText(key)).toBeInTheDocument();
    expect(screen.getByText(slide)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Window duration unit'), 'MINUTE');
    expect(last().window).toEqual({ timeProperty: 'ordertime', size: { value: 1, unit: 'MINUTE' } });
  });
});
