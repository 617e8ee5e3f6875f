// Focus that never gets lost: on every route change the new page's heading takes focus (a screen
// reader reads where the user is), and when the focused element disappears (Run replaced by Stop, a
// dialog closed, a panel closed) focus goes to a sensible place instead of the page's body.

/** Focuses the page's `h1` once it is drawn (the canvas draws it after loading the flow). */
export function focusPageHeading(tries = 100) {
  const h1 = document.querySelector<HTMLElement>('main h1');
  if (h1) {
    if (!h1.hasAttribute('tabindex')) h1.tabIndex = -1;
    h1.focus();
  } else if (tries > 0) setTimeout(() => focusPageHeading(tries - 1), 50);
}

/**
 * Watches the focused element; when it is removed from the page and focus falls to the body, focus
 * goes to the nearest remaining element that was around it: the first control of the closest
 * ancestor still on the page (the header, the canvas, the page), else the page's heading.
 */
export function keepFocus(): () => void {
  let lastFocused: Element | null = null;
  let ancestors: Element[] = [];
  let pending: ReturnType<typeof setTimeout> | null = null;
  const onFocusIn = (e: FocusEvent) => {
    lastFocused = e.target as Element;
    ancestors = [];
    for (let at = lastFocused?.parentElement; at && at !== document.body; at = at.parentElement) ancestors.push(at);
  };
  const rescue = () => {
    pending = null;
    if (!lastFocused || lastFocused.isConnected) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    // a dialog that closed returns focus itself (useReturnFocus); its own elements are gone anyway
    const place = ancestors.find((a) => a.isConnected);
    const target = place?.querySelector<HTMLElement>(TABBABLE);
    lastFocused = null;
    if (target) target.focus();
    else focusPageHeading(0);
  };
  // wait for React to finish: a replacement may take focus itself
  const check = () => {
    if (!pending && lastFocused && !lastFocused.isConnected) pending = setTimeout(rescue, 60);
  };
  // Chromium fires no focusout when the focused element is removed: watch removals too
  const removals = new MutationObserver(check);
  removals.observe(document.body, { childList: true, subtree: true });
  document.addEventListener('focusin', onFocusIn);
  return () => {
    removals.disconnect();
    document.removeEventListener('focusin', onFocusIn);
    if (pending) clearTimeout(pending);
  };
}

const TABBABLE =
  'button:not([disabled]), a[href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
