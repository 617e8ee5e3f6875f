// "Node “EMEA” deleted — Undo": shown after a delete until the next change; Undo brings the nodes back
// and puts focus on the first of them (the toast itself goes away, so focus must not fall to the page).
import { Button } from '@carbon/react';
import { Close } from '@carbon/icons-react';
import { useFlowStore } from '../store/flowStore';
import { focusNode } from './focus';

export function DeletedToast() {
  const deletion = useFlowStore((s) => s.deletion);
  if (!deletion) return null;
  const undo = () => {
    useFlowStore.getState().undo();
    const first = deletion.nodeIds[0];
    if (first) focusNode(first);
    else document.querySelector<HTMLElement>('.eddy-canvas')?.focus();
  };
  const dismiss = () => {
    useFlowStore.setState({ deletion: null });
    document.querySelector<HTMLElement>('.eddy-canvas')?.focus();
  };
  return (
    <div className="eddy-toast" role="group" aria-label="Deleted" data-testid="deleted-toast">
      <span>{deletion.text}</span>
      <Button kind="ghost" size="sm" onClick={undo}>
        Undo
      </Button>
      <Button
        kind="ghost"
        size="sm"
        hasIconOnly
        renderIcon={Close}
        iconDescription="Dismiss"
        tooltipPosition="left"
        onClick={dismiss}
      />
    </div>
  );
}
