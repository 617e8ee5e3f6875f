import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { PanelInput } from '../../shared/panel';
import type { TemporalEnrichmentConfig } from '../types';

const EVENTS: PanelInput = {
  ...ORDERS,
  port: 'events',
  properties: [...ORDERS.properties, { name: 'customerid', type: 'STRING' }],
};

const TIERS: PanelInput = {
  id: 'tiers',
  name: 'Customer tiers',
  port: 'versions',
  properties: [
    { name: 'customerid', type: 'STRING' },
    { name: 'tier', type: 'STRING' },
    { name: 'updatetime', type: 'TIMESTAMP', eventTime: true },
  ],
};

describe('the temporal enrichment panel', () => {
  it('matches events to the versions by key, adds their properties and shows the output', async () => {
    const { last } = renderPanel<TemporalEnrichmentConfig>('temporalEnrichment', {}, [EVENTS, TIERS]);

    await userEvent.click(screen.getByRole('button', { name: 'Add a match criterion' }));
    // events on the events port, versions on the versions port
    const property = screen.getByLabelText('Event property 1');
    expect([...property.querySelectorAll('option')].map((o) => o.value)).toContain('region');
    await userEvent.selectOptions(property, 'customerid');
    const column = screen.getByLabelText('equals versions property 1');
    expect([...column.querySelectorAll('option')].map((o) => o.value)).toEqual([
      '',
      'customerid',
      'tier',
      'updatetime',
    ]);
    await userEvent.selectOptions(column, 'customerid');
    expect(last().match).toEqual([{ property: 'customerid', column: 'customerid' }]);

    await userEvent.click(screen.getByLabelText('tier'));
    expect(last().enrich).toEqual(['tier']);

    // `customerid` of the events is in the output once; `tier` was added
    expect(screen.getByLabelText('Keep tier')).toBeChecked();
    await userEvent.click(screen.getByLabelText('Keep region'));
    expect(last()).toEqual({
      match: [{ property: 'customerid', column: 'customerid' }],
      enrich: ['tier'],
      output: { remove: ['region'], rename: {} },
    });
  });

  it('shows the analysis’s problems at the match', () => {
    renderPanel<TemporalEnrichmentConfig>(
      'temporalEnrichment',
      { match: [{ property: 'region', column: 'tier' }], enrich: ['tier'] },
      [EVENTS, TIERS],
      {
        id: 'n1',
        name: 'With tier',
        type: 'temporalEnrichment',
        status: 'error',
        messages: [],
        problems: [
          {
            nodeId: 'n1',
            field: 'match',
            severity: 'error',
            code: 'temporal.key-not-matched',
            message: 'Match the versions’ key `customerid` with an event property.',
          },
        ],
        output: [],
      },
    );
    expect(screen.getByText('Match the versions’ key `customerid` with an event property.')).toBeInTheDocument();
  });
});
