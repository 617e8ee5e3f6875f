// Small helpers that write Flink SQL text for the assistants (never to check it: the server does).

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  'value',
  'timestamp',
  'time',
  'date',
  'user',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
  'order',
  'group',
  'table',
  'from',
  'select',
  'where',
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'key',
  'end',
  'start',
  'window',
  'rank',
  'position',
  'row',
  'rows',
  'range',
  'interval',
  'language',
  'result',
]);

/** A property name as it must be written in an expression. */
export const identifier = (name: string) =>
  PLAIN.test(name) && !RESERVED.has(name.toLowerCase()) ? name : `\`${name.replace(/`/g, '``')}\``;

export const quoted = (name: string) => `\`${name.replace(/`/g, '``')}\``;

const NUMERIC = new Set(['INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE', 'DECIMAL']);

/** A literal of the property's type, from what the user typed. */
export function literal(type: string | undefined, raw: string): string {
  const v = raw.trim();
  if (type && NUMERIC.has(type)) return v === '' ? '0' : v;
  if (type === 'BOOLEAN') return v.toUpperCase() === 'TRUE' ? 'TRUE' : 'FALSE';
  const s = `'${v.replace(/'/g, "''")}'`;
  if (type === 'TIMESTAMP' || type === 'TIMESTAMP_LTZ') return `TIMESTAMP ${s}`;
  if (type === 'DATE') return `DATE ${s}`;
  return s;
}

export const CONDITIONS = [
  { op: '=', label: 'is equal to' },
  { op: '<>', label: 'is not equal to' },
  { op: '>', label: 'is greater than' },
  { op: '>=', label: 'is greater than or equal to' },
  { op: '<', label: 'is less than' },
  { op: '<=', label: 'is less than or equal to' },
  { op: 'LIKE', label: 'matches the pattern (LIKE)' },
  { op: 'IS NULL', label: 'is empty (null)' },
  { op: 'IS NOT NULL', label: 'is not empty' },
];

/** `expression AND part`, or just `part` when the expression is empty. */
export const andThen = (expression: string | undefined, part: string) =>
  expression && expression.trim() ? `${expression.trim()} AND ${part}` : part;
