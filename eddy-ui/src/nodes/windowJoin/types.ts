import type { Duration, OutputConfig } from '../../types';

/** One side of a window join: the input on that port (by node name) and the event time that places its events. */
export interface WindowJoinSide {
  input?: string;
  timeProperty?: string;
}

/** config of a `windowJoin` node (SPEC §2c); inputs arrive on ports `left` and `right`. */
export interface WindowJoinConfig {
  join?: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
  condition?: string;
  window?: { size?: Duration; slide?: Duration };
  left?: WindowJoinSide;
  right?: WindowJoinSide;
  output?: OutputConfig;
}
