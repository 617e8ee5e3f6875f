/** One input of a combine: its node name and, for the second and later, output property → its property. */
export interface CombineSource {
  input?: string;
  map?: Record<string, string>;
}

/** config of a `combine` node (SPEC §2c). */
export interface CombineConfig {
  inputs?: CombineSource[];
}
