// A dialog gives focus back to what opened it when it closes (or to the page's heading when that
// is gone): Carbon's Modal does so only when told its launcher and only while it stays mounted.
import { useEffect, useRef } from 'react';
import { focusPageHeading } from './focusKeeper';

export function useReturnFocus(open: boolean) {
  // the opener is read while rendering the opening: the dialog's own effects move focus before ours run
  const opener = useRef<Element | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current) opener.current = document.activeElement;
  wasOpen.current = open;
  useEffect(() => {
    if (!open) return;
    return () => {
      const back = opener.current as HTMLElement | null;
      // after the dialog's own elements are gone
      setTimeout(() => {
        const now = document.activeElement;
        if (now && now !== document.body && now.isConnected && !now.closest('.cds--modal')) return;
        if (back && back.isConnected && back !== document.body) back.focus();
        else focusPageHeading(0);
      }, 0);
    };
  }, [open]);
}
