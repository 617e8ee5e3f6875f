// The canvas reads its node types from the server's registry: a type only the registry knows gets a
// palette entry and the generic form; problems show at their fields by path.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FlowEditor } from '../FlowEditor';
import { fakeServer } from '../../test/fakeServer';
import { SNAPSHOT } from '../../test/harness';
import { PANEL_PARTS } from '../../nodes/registry';
import type { FieldSpec, FlowDocument, NodeReport, NodeTypeInfo } from '../../types';

const field = (f: Partial<FieldSpec> & Pick<FieldSpec, 'name' | 'label' | 'type'>): FieldSpec => ({
  path: f.name,
  required: false,
  description: '',
  sensitive: false,
  custom: false,
  ...f,
});

/** A node type no file of the UI names: only the registry's answer declares it. */
const PASS_THROUGH: NodeTypeInfo = {
  type: 'passThrough',
  label: 'Pass-through',
  group: 'Testing',
  description: 'Passes every event on unchanged.',
  color: '#ff7eb6',
  inputs: [{ port: 'in', label: 'Input' }],
  output: true,
  roles: [],
  fields: [
    field({ name: 'note', label: 'Note', type: 'string', required: true, description: 'Why the events pass.' }),
    field({ name: 'mode', label: 'Mode', type: 'choice', allowed: ['fast', 'careful'], default: 'fast' }),
    field({
      name: 'token',
      label: 'Token',
      type: 'string',
      sensitive: true,
      dependsOn: { field: 'mode', values: ['careful'] },
    }),
    field({ name: 'copies', label: 'Copies', type: 'integer' }),
  ],
  configSchema: { type: 'object' },
};

const EMPTY = { id: 'f1', revision: 1, name: 'Registry', description: '', nodes: [], edges: [] };

function server(flow: object, nodes: NodeReport[] = []) {
  const saved: FlowDocument[] = [];
  const calls = fakeServer({
    'GET /api/node-types': () => ({ body: [...SNAPSHOT, PASS_THROUGH] }),
    'GET /api/flows/f1': () => ({ body: flow, headers: { ETag: '"1"' } }),
    'GET /api/flows/f1/validation': () => ({ body: { valid: false, problems: [], nodes } }),
    'GET /api/flows/f1/run': () => ({ body: { status: 'none' } }),
    'PUT /api/flows/f1': (c) => {
      saved.push(c.body as FlowDocument);
      return { body: { revision: saved.length + 1 } };
    },
  });
  return { saved, calls };
}

describe('a node type declared only by the registry', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('appears in the palette with its group, label and colour, and is configured by the generic form', async () => {
    const { saved } = server(EMPTY);
    render(<FlowEditor flowId="f1" />);
    const palette = await screen.findByRole('navigation', { name: 'Nodes' });
    const item = await within(palette).findByRole('button', { name: /^Pass-through:/ });
    expect(item).toHaveAttribute('title', 'Passes every event on unchanged.');
    expect(item.style.getPropertyValue('--eddy-type-color')).toBe('#ff7eb6');
    expect(item.closest('.eddy-palette__group')).toHaveTextContent(/^Testing/);
    // the registry's own types keep their order and groups
    expect(
      within(palette)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Events', 'Processors', 'Windowed', 'Joins', 'Enrichment', 'Testing']);

    // Enter adds the node (focused on the canvas); Enter on the node opens its panel
    fireEvent.keyDown(item, { key: 'Enter' });
    await waitFor(() => expect(document.querySelector('[data-node-name="Pass-through"]')).not.toBeNull());
    const node = document.querySelector('[data-node-name="Pass-through"]') as HTMLElement;
    fireEvent.keyDown(node.closest('.react-flow__node')!, { key: 'Enter' });
    const panel = await screen.findByRole('complementary', { name: 'Configure Pass-through' });
    expect(node.querySelector('.eddy-node__type')).toHaveTextContent('Pass-through');
    expect(node.style.getPropertyValue('--eddy-type-color')).toBe('#ff7eb6');

    // the declared default, and a field shown only when another has a value
    expect(within(panel).getByLabelText('Mode')).toHaveValue('fast');
    expect(within(panel).queryByLabelText('Token')).toBeNull();
    fireEvent.change(within(panel).getByLabelText('Note'), { target: { value: 'audit' } });
    await userEvent.selectOptions(within(panel).getByLabelText('Mode'), 'careful');
    const token = within(panel).getByLabelText('Token');
    expect(token).toHaveAttribute('type', 'password');
    fireEvent.change(token, { target: { value: 's3cret' } });
    fireEvent.change(within(panel).getByLabelText('Copies'), { target: { value: '3' } });

    await waitFor(
      () =>
        expect(saved.at(-1)?.nodes).toEqual([
          expect.objectContaining({
            type: 'passThrough',
            name: 'Pass-through',
            config: { note: 'audit', mode: 'careful', token: 's3cret', copies: 3 },
          }),
        ]),
      { timeout: 5000 },
    );
  });
});

const WITH_NODE = {
  ...EMPTY,
  nodes: [{ id: 'p', type: 'passThrough', name: 'Pass', position: { x: 0, y: 0 }, config: { mode: 'fast' } }],
};

async function openPanel() {
  render(<FlowEditor flowId="f1" />);
  await waitFor(() => expect(document.querySelector('[data-node-name="Pass"]')).toHaveAttribute('data-status'));
  fireEvent.click(document.querySelector('[data-node-name="Pass"] .eddy-node__status')!);
  return screen.findByRole('complementary', { name: 'Configure Pass' });
}

describe('problems in the panel', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows each problem at its field by path, and at the top those whose field has no widget', async () => {
    const problem = (field: string | null, message: string) => ({
      nodeId: 'p',
      field,
      severity: 'missing' as const,
      code: 'test.problem',
      message,
    });
    server(WITH_NODE, [
      {
        id: 'p',
        name: 'Pass',
        status: 'unconfigured',
        // the messages say nothing of their fields: the UI must not need to read them
        messages: ['First.', 'Second.', 'Third.'],
        problems: [problem('note', 'First.'), problem(null, 'Second.'), problem('token', 'Third.')],
        output: [],
      },
    ]);
    const panel = await openPanel();
    // at the Note field
    const note = within(panel).getByLabelText('Note');
    expect(note).toHaveAttribute('data-invalid', 'true');
    expect(note.closest('.cds--form-item')).toHaveTextContent('First.');
    // at the top: the node's own problem, and the one of a field not shown (Token needs mode "careful")
    const top = within(panel).getByTestId('node-messages');
    expect([...top.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Second.', 'Third.']);
    expect(top.compareDocumentPosition(within(panel).getByLabelText('Node name'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });

  it('shows the messages as a whole at the top when the server sends no structured problems', async () => {
    server(WITH_NODE, [
      { id: 'p', name: 'Pass', status: 'unconfigured', messages: ['Enter a note.', 'Say why.'], output: [] },
    ]);
    const panel = await openPanel();
    const top = within(panel).getByTestId('node-messages');
    expect([...top.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Enter a note.', 'Say why.']);
    expect(within(panel).getByLabelText('Note')).not.toHaveAttribute('data-invalid');
  });
});

describe('the registry snapshot and the hand-written panels', () => {
  it('agree on which fields a hand-written panel edits (the `custom` flag)', () => {
    for (const type of SNAPSHOT) {
      const parts = PANEL_PARTS[type.type] ?? [];
      for (const f of type.fields) {
        const handWritten = parts.some((p) => p.fields.includes(f.name));
        expect(
          f.custom,
          `${type.type}.${f.name}: custom must be ${handWritten} (src/nodes/registry.tsx ${handWritten ? 'has' : 'has no'} hand-written part for it)`,
        ).toBe(handWritten);
      }
      // every part edits declared fields
      for (const p of parts)
        for (const name of p.fields)
          expect(
            type.fields.some((f) => f.name === name),
            `${type.type} declares no field ${name}`,
          ).toBe(true);
    }
  });
});
