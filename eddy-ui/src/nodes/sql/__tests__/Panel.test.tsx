import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORDERS, renderPanel } from '../../../test/harness';
import type { PanelInput } from '../../shared/panel';
import type { SqlConfig } from '../types';

const RETURNS: PanelInput = {
  id: 'r',
  name: 'Returns',
  port: 'in',
  properties: [
    { name: 'orderid', type: 'STRING' },
    { name: 'returntime', type: 'TIMESTAMP', eventTime: true },
  ],
};

describe('the custom SQL panel', () => {
  it('lists the inputs by the names the query uses and starts the query from them', async () => {
    const { last } = renderPanel<SqlConfig>('sql', {}, [ORDERS, RETURNS]);
    const inputs = screen.getByRole('list', { name: 'Inputs' });
    expect(inputs).toHaveTextContent('`Orders`: id, region, price, quantity, ordertime');
    expect(inputs).toHaveTextContent('`Returns`: orderid, returntime');

    await userEvent.click(screen.getByRole('button', { name: 'Start with SELECT * FROM the inputs' }));
    expect(last().statement).toBe('SELECT *\nFROM `Orders`,\n  `Returns`');
    expect(screen.getByLabelText('Query')).toHaveTextContent('SELECT *FROM `Orders`, `Returns`');
    // a query is written: the button no longer replaces it
    expect(screen.getByRole('button', { name: 'Start with SELECT * FROM the inputs' })).toBeDisabled();
  });

  it('shows Flink’s message about the query at the editor', () => {
    const message = 'The query is not valid: Encountered "FROM" at line 2, column 1.';
    renderPanel<SqlConfig>('sql', { statement: 'SELECT id,\nFROM `Orders`' }, [ORDERS], {
      id: 'n1',
      name: 'Custom SQL',
      status: 'error',
      messages: [message],
      problems: [{ nodeId: 'n1', field: 'statement', severity: 'error', code: 'sql.invalid', message }],
      output: [],
    });
    const shown = screen.getByText(message);
    expect(shown.closest('.eddy-expression')).toContainElement(screen.getByLabelText('Query'));
  });

  it('asks for an input before a query can be written', () => {
    renderPanel<SqlConfig>('sql', {}, []);
    expect(screen.getByRole('note')).toHaveTextContent('Connect an input to write a query over it.');
    expect(screen.getByRole('button', { name: 'Start with SELECT * FROM the inputs' })).toBeDisabled();
  });
});
