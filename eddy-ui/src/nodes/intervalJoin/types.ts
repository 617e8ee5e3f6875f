import type { Duration, OutputConfig } from '../../types';

export interface JoinSide {
  input?: string;
  property?: string;
}

/** config of an `intervalJoin` node (SPEC §2); inputs arrive on ports `left` and `right`. */
export interface IntervalJoinConfig {
  condition?: string;
  window?: { detect?: JoinSide; anchor?: JoinSide; start?: Duration; end?: Duration };
  output?: OutputConfig;
}
