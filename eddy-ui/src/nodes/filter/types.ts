/** config of a `filter` node (SPEC §2). */
export interface FilterConfig {
  expression?: string;
}
