// Renders a node's configuration form the way the panel does (hand-written parts and the generic
// form, from the registry snapshot): it keeps the config the form sends back.
import { useState } from 'react';
import { render } from '@testing-library/react';
import type { PanelInput } from '../nodes/shared/panel';
import type { NodeReport, NodeTypeInfo } from '../types';
import { NodeForm } from '../nodes/NodeForm';
import { useNodeTypes } from '../nodes/nodeTypes';
import type { NodeConfig } from '../nodes/model';
import NODE_TYPES from './node-types.json';

/** The registry as the snapshot of GET /api/node-types has it. */
export const SNAPSHOT = NODE_TYPES as NodeTypeInfo[];

/** Loads node types into the browser's registry as if the server had answered them. */
export function useRegistry(types: NodeTypeInfo[] = SNAPSHOT) {
  useNodeTypes.setState({ types });
}

export function renderPanel<C>(type: string, initial: C, inputs: PanelInput[] = [], report?: NodeReport) {
  if (!useNodeTypes.getState().types) useRegistry();
  const changes: C[] = [];
  function Host() {
    const [config, setConfig] = useState<C>(initial);
    return (
      <NodeForm
        type={type}
        nodeId="n1"
        config={config as NodeConfig}
        inputs={inputs}
        report={report}
        onChange={(c) => {
          changes.push(c as C);
          setConfig(c as C);
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

/** An input whose events are nested (SPEC §2b): a customer ROW, an array of item ROWs, a map. */
export const NESTED_ORDERS: PanelInput = {
  id: 'orders',
  name: 'Orders',
  port: 'in',
  properties: [
    { name: 'id', type: 'STRING' },
    {
      name: 'customer',
      type: 'ROW',
      properties: [
        { name: 'name', type: 'STRING' },
        { name: 'country', type: 'STRING' },
      ],
    },
    {
      name: 'items',
      type: 'ARRAY',
      items: {
        type: 'ROW',
        properties: [
          { name: 'sku', type: 'STRING' },
          { name: 'qty', type: 'INTEGER' },
          { name: 'price', type: 'DECIMAL', precision: 10, scale: 2 },
        ],
      },
    },
    { name: 'order', type: 'ROW', properties: [{ name: 'value', type: 'DOUBLE' }] },
    { name: 'attributes', type: 'MAP', values: { type: 'STRING' } },
    { name: 'ordertime', type: 'TIMESTAMP_LTZ', eventTime: true },
  ],
};
