// A node's configuration form: its declared fields in the registry's order, each rendered by the
// generic form, except where a hand-written part (registry.tsx) edits it. A node type with no
// hand-written part gets the generic form for all of its fields.
import type { ReactNode } from 'react';
import type { NodeReport, NodeTypeInfo, Problem } from '../types';
import type { NodeConfig } from './model';
import { useNodeType } from './nodeTypes';
import { messagesAt, messagesUnder, problemsOf, unplacedProblems } from './problems';
import { ASSISTANTS, PANEL_PARTS, partShows, type PanelPart } from './registry';
import { shownPaths, TopField } from './shared/FieldForm';
import type { PanelInput, PanelProps } from './shared/panel';

export interface NodeFormProps {
  type: string;
  nodeId: string;
  config: NodeConfig;
  onChange: (config: NodeConfig) => void;
  inputs: PanelInput[];
  report?: NodeReport;
}

function partsOf(type: string): PanelPart[] {
  return PANEL_PARTS[type] ?? [];
}

export function NodeForm({ type, nodeId, config, onChange, inputs, report }: NodeFormProps) {
  const info = useNodeType(type);
  const parts = partsOf(type);
  if (!info) {
    return <p>This Eddy does not know the node type “{type}”; its configuration is kept as it is.</p>;
  }
  const problems = problemsOf(report);
  const props: PanelProps<NodeConfig> = {
    nodeId,
    config,
    onChange,
    inputs,
    report,
    problemAt: (path) => messagesAt(problems, path),
    problemsUnder: (path) => messagesUnder(problems, path),
  };
  const form = {
    config,
    onChange,
    inputs,
    problemAt: props.problemAt,
    idPrefix: `${type}-${nodeId}`,
    assistantFor: (path: string) => {
      const Assistant = ASSISTANTS[path];
      return Assistant ? <Assistant {...props} /> : undefined;
    },
  };
  const shown = new Set<PanelPart>();
  const out: ReactNode[] = [];
  for (const field of info.fields) {
    const part = parts.find((p) => p.fields.includes(field.name));
    if (!part) out.push(<TopField key={field.name} field={field} form={form} />);
    else if (!shown.has(part)) {
      shown.add(part);
      out.push(<part.Editor key={field.name} {...props} />);
    }
  }
  // a part whose fields the server does not declare (any more) is still shown: the config may hold them
  for (const part of parts)
    if (!shown.has(part)) out.push(<part.Editor key={`part-${part.fields.join('-')}`} {...props} />);
  return <>{out}</>;
}

/**
 * The node's problems that no widget of its form shows (at the top of the panel): those without a
 * field, and those at a field with no widget. Null when the server sent only messages.
 */
export function unplacedProblemsOf(
  info: NodeTypeInfo | undefined,
  config: NodeConfig,
  report: NodeReport | undefined,
): Problem[] | null {
  const problems = problemsOf(report);
  if (!problems) return null;
  const parts = info ? partsOf(info.type) : [];
  const generic = shownPaths(
    (info?.fields ?? []).filter((f) => !parts.some((p) => p.fields.includes(f.name))),
    config,
  );
  return unplacedProblems(problems, (declared) => generic.has(declared) || parts.some((p) => partShows(p, declared)));
}
