import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import { fakeServer } from '../../../test/fakeServer';
import type { DatabaseEnrichmentConfig } from '../types';

describe('the database enrichment panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('reads the tables, previews columns, matches and adds columns', async () => {
    const server = fakeServer({
      'POST /api/jdbc/tables': () => ({
        body: {
          tables: [
            {
              name: 'customers',
              columns: [
                { name: 'id', type: 'STRING' },
                { name: 'country', type: 'STRING' },
              ],
            },
            { name: 'products', columns: [{ name: 'sku', type: 'STRING' }] },
          ],
        },
      }),
    });
    const { last } = renderPanel<DatabaseEnrichmentConfig>('databaseEnrichment', {}, [ORDERS]);
    fireEvent.change(screen.getByLabelText('JDBC URL'), { target: { value: 'jdbc:postgresql://localhost:5432/shop' } });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'u' } });
    await userEvent.click(screen.getByRole('button', { name: 'Load tables' }));
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Table' }), 'customers');
    expect(server.calls[0].body).toEqual({ url: 'jdbc:postgresql://localhost:5432/shop', username: 'u' });
    expect(screen.getByRole('table', { name: 'Columns of the table' })).toHaveTextContent('country');
    await userEvent.click(screen.getByRole('button', { name: 'Add a match criterion' }));
    await userEvent.selectOptions(screen.getByLabelText('Event property 1'), 'id');
    await userEvent.selectOptions(screen.getByLabelText('equals column 1'), 'id');
    await userEvent.click(screen.getByLabelText('country'));
    expect(last()).toEqual({
      jdbc: { url: 'jdbc:postgresql://localhost:5432/shop', username: 'u' },
      table: 'customers',
      columns: [
        { name: 'id', type: 'STRING' },
        { name: 'country', type: 'STRING' },
      ],
      match: [{ property: 'id', column: 'id' }],
      enrich: ['country'],
    });
  });
});
