// Deduplicate: the key (the properties that identify duplicates) and the time window (standard only);
// which event is kept (`keep`: first or last) is a plain field of the generic form.
import type { PanelProps } from '../shared/panel';
import { NameChecklist, Problems, Section } from '../shared/fields';
import { WindowSection } from '../shared/WindowSection';
import type { DeduplicateConfig } from './types';

/** Types that cannot be part of a key: the server refuses them, so they are not offered. */
const NESTED = ['ROW', 'ARRAY', 'MAP'];

export function DeduplicateKey({ config, onChange, inputs, nodeId, problemsUnder }: PanelProps<DeduplicateConfig>) {
  const input = inputs[0]?.properties ?? [];
  return (
    <Section
      title="Key"
      description="Events with the same values of these properties are duplicates: one of them is kept per window."
    >
      <Problems messages={problemsUnder('key')} />
      <NameChecklist
        idPrefix={`dedup-${nodeId}-key`}
        legend="Duplicates have the same"
        names={input.filter((p) => !p.eventTime && !NESTED.includes(String(p.type))).map((p) => p.name)}
        checked={config.key ?? []}
        onChange={(key) => onChange({ ...config, key })}
      />
    </Section>
  );
}

export function DeduplicateWindow({ config, onChange, inputs, nodeId, problemAt }: PanelProps<DeduplicateConfig>) {
  return (
    <WindowSection
      id={`window-${nodeId}`}
      window={config.window}
      input={inputs[0]?.properties ?? []}
      // a rolling interval (from an imported document) goes with the first edit
      onChange={({ timeProperty, size }) => onChange({ ...config, window: { timeProperty, size } })}
      problemAt={problemAt}
      description="Duplicates are looked for within each window of event time; the same key in a later window is kept again. The kept events come out when their window closes."
      standardOnly
    />
  );
}
