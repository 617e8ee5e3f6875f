/** config of an `unpackArray` node (SPEC §2b). */
export interface UnpackArrayConfig {
  /** the input's ARRAY property unpacked */
  array?: string;
  /** the name of the element in the output */
  as?: string;
  /** the name of the element's position (from 1), when wanted */
  index?: string;
}
