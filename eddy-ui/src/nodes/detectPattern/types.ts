import type { Duration } from '../../types';

/** one step of a pattern: a name (measures use it), a condition, how many consecutive events */
export interface PatternStep {
  name?: string;
  condition?: string;
  times?: { min?: number; max?: number };
}

/** an output property computed per match, e.g. FIRST(started.ts) */
export interface PatternMeasure {
  name?: string;
  expression?: string;
}

/** a step that must not happen after the match, before the time limit runs out */
export interface PatternAbsence {
  name?: string;
  condition?: string;
}

/** config of a `detectPattern` node (SPEC §2c) */
export interface DetectPatternConfig {
  partitionBy?: string[];
  steps?: PatternStep[];
  within?: Duration;
  notFollowedBy?: PatternAbsence;
  measures?: PatternMeasure[];
}
