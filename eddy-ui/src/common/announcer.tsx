// The app's one polite live region: what a screen reader should hear without the focus moving
// (run status, event counts, saves, failures, a deleted node). Announce through `announce`.
import { create } from 'zustand';

interface Announcement {
  text: string;
  /** counts up, so the same sentence twice is announced twice */
  seq: number;
}

const useAnnouncement = create<Announcement>()(() => ({ text: '', seq: 0 }));

export function announce(text: string) {
  useAnnouncement.setState((s) => ({ text, seq: s.seq + 1 }));
}

/** The latest announcement (tests and the visible toast read it). */
export const lastAnnouncement = () => useAnnouncement.getState().text;

/** Rendered once, by the app. */
export function LiveRegion() {
  const { text, seq } = useAnnouncement();
  return (
    <div className="eddy-visually-hidden" role="status" aria-live="polite" data-testid="live-region">
      {/* a new element per announcement: screen readers read an inserted node even if its text repeats */}
      <span key={seq}>{text}</span>
    </div>
  );
}
