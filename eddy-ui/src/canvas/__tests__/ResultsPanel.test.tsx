import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { ResultsPanel } from '../ResultsPanel';

describe('the results panel', () => {
  it('shows events newest first, one column per property, with the count and the CSV link', () => {
    render(
      <ResultsPanel
        flowId="f 1"
        flowName="Filter"
        events={[
          { id: 'b', region: 'EMEA', price: 2, extra: true },
          { id: 'a', region: 'EMEA', price: 1 },
        ]}
        received={1205}
        columns={['id', 'region', 'price']}
        running
        onClose={() => {}}
      />,
    );
    const table = screen.getByRole('table', { name: 'Output events' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['id', 'region', 'price', 'extra']);
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['bEMEA2true', 'aEMEA1']);
    expect(screen.getByTestId('results-count')).toHaveTextContent('1205 events received (showing the latest 2)');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
      'href',
      '/api/flows/f%201/run/events.csv',
    );
  });

  it('says it is waiting, and offers no CSV before any event', () => {
    render(
      <ResultsPanel flowId="f1" flowName="Filter" events={[]} received={0} columns={[]} running onClose={() => {}} />,
    );
    expect(screen.getByText('Waiting for events…')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });

  it('names the previewed node, and the whole flow otherwise', () => {
    const { rerender } = render(
      <ResultsPanel
        flowId="f1"
        flowName="Filter"
        events={[{ id: 'a', region: 'APAC' }]}
        received={1}
        columns={['id', 'region']}
        running
        node={{ id: 'orders', name: 'Orders' }}
        onClose={() => {}}
      />,
    );
    expect(screen.getByTestId('results-title')).toHaveTextContent('Preview of “Orders”');
    expect(screen.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('download', 'Filter - Orders.csv');
    rerender(
      <ResultsPanel
        flowId="f1"
        flowName="Filter"
        events={[]}
        received={0}
        columns={[]}
        running={false}
        onClose={() => {}}
      />,
    );
    expect(screen.getByTestId('results-title')).toHaveTextContent('Results of the flow');
  });
});
