/** config of a `sql` (custom SQL) node (SPEC §2c): one Flink SQL query over the inputs, named by node name. */
export interface SqlConfig {
  statement?: string;
}
