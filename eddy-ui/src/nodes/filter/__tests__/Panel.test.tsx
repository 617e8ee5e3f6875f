import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NESTED_ORDERS, ORDERS, renderPanel } from '../../../test/harness';
import type { FilterConfig } from '../types';

describe('the filter panel', () => {
  it('builds the expression with the assistant', async () => {
    const { last } = renderPanel<FilterConfig>('filter', {}, [ORDERS]);
    const add = screen.getByRole('button', { name: 'Add to expression' });
    expect(add).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'region');
    await userEvent.type(screen.getByLabelText('Value'), 'EMEA');
    await userEvent.click(add);
    expect(last().expression).toBe("region = 'EMEA'");
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'price');
    await userEvent.selectOptions(screen.getByLabelText('Condition'), '>');
    await userEvent.type(screen.getByLabelText('Value'), '100');
    await userEvent.click(add);
    expect(last().expression).toBe("region = 'EMEA' AND price > 100");
    // the editor shows the expression
    expect(screen.getByLabelText('Expression')).toHaveTextContent("region = 'EMEA' AND price > 100");
  });

  it('offers nested properties, array elements and sizes, quoted as Flink needs', async () => {
    const { last } = renderPanel<FilterConfig>('filter', {}, [NESTED_ORDERS]);
    const add = screen.getByRole('button', { name: 'Add to expression' });
    expect(screen.getByRole('option', { name: 'items[1].price (DECIMAL(10, 2))' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'customer.country');
    await userEvent.type(screen.getByLabelText('Value'), 'DE');
    await userEvent.click(add);
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'CARDINALITY(items)');
    await userEvent.selectOptions(screen.getByLabelText('Condition'), '>');
    await userEvent.type(screen.getByLabelText('Value'), '1');
    await userEvent.click(add);
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'items[1].price');
    await userEvent.selectOptions(screen.getByLabelText('Condition'), '>=');
    await userEvent.type(screen.getByLabelText('Value'), '19.99');
    await userEvent.click(add);
    await userEvent.selectOptions(screen.getByLabelText('Property'), 'order.value');
    await userEvent.selectOptions(screen.getByLabelText('Condition'), 'IS NOT NULL');
    await userEvent.click(add);
    expect(last().expression).toBe(
      "customer.country = 'DE' AND CARDINALITY(items) > 1 AND items[1].price >= 19.99 AND `order`.`value` IS NOT NULL",
    );
  });

  it('shows the analysis problem about the expression at the editor, by its field', () => {
    const message = '`price >>> 3` is not a valid expression: unexpected `>` at column 8';
    renderPanel<FilterConfig>('filter', { expression: 'price >>> 3' }, [ORDERS], {
      id: 'n1',
      name: 'Filter',
      status: 'error',
      messages: [message],
      problems: [{ nodeId: 'n1', field: 'expression', severity: 'error', code: 'expression.invalid', message }],
      output: [],
    });
    // under the editor, not in a list of the node's messages
    const shown = screen.getByText(message);
    expect(shown.closest('.eddy-expression')).toContainElement(screen.getByLabelText('Expression'));
  });
});
