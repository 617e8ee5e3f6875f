// Renders a node panel the way the canvas does: it keeps the config the panel sends back.
import { useState } from 'react';
import { render } from '@testing-library/react';
import type { ComponentType } from 'react';
import type { PanelInput, PanelProps } from '../nodes/shared/panel';
import type { NodeReport } from '../types';

export function renderPanel<C>(
  Panel: ComponentType<PanelProps<C>>,
  initial: C,
  inputs: PanelInput[] = [],
  report?: NodeReport,
) {
  const changes: C[] = [];
  function Host() {
    const [config, setConfig] = useState<C>(initial);
    return (
      <Panel
        nodeId="n1"
        config={config}
        inputs={inputs}
        report={report}
        onChange={(c) => {
          changes.push(c);
          setConfig(c);
        }}
      />
    );
  }
  const utils = render(<Host />);
  return { ...utils, changes, last: () => changes[changes.length - 1] };
}

export const ORDERS: PanelInput = {
  id: 'orders',
  name: 'Orders',
  port: 'in',
  properties: [
    { name: 'id', type: 'STRING' },
    { name: 'region', type: 'STRING' },
    { name: 'price', type: 'DOUBLE' },
    { name: 'quantity', type: 'INTEGER' },
    { name: 'ordertime', type: 'TIMESTAMP', eventTime: true },
  ],
};
