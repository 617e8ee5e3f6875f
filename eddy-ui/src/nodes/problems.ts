// The analysis's problems of one node, placed at their config fields by the problem's `field` path
// (never by reading the message).
import type { NodeReport, Problem } from '../types';

/** The node's structured problems, or null when the server sent only messages (an older server). */
export function problemsOf(report: NodeReport | undefined): Problem[] | null {
  return report && Array.isArray(report.problems) ? report.problems : null;
}

/** `properties[2].expression` → `properties[].expression`: the declared path of a field. */
export function declaredPath(path: string): string {
  let out = '';
  let inIndex = false;
  for (const ch of path) {
    if (ch === '[') {
      inIndex = true;
      out += '[';
    } else if (ch === ']') {
      inIndex = false;
      out += ']';
    } else if (!inIndex) out += ch;
  }
  return out;
}

/** The messages of the problems at exactly `path`, joined in one text; undefined when there are none. */
export function messagesAt(problems: Problem[] | null, path: string): string | undefined {
  const at = (problems ?? []).filter((p) => p.field === path).map((p) => p.message);
  return at.length ? at.join(' ') : undefined;
}

/**
 * The problems no widget of the panel shows: those of the node itself (no field) and those whose
 * field has no widget. `shown` answers whether a declared path (`properties[].name`) has one.
 */
export function unplacedProblems(problems: Problem[], shown: (declared: string) => boolean): Problem[] {
  return problems.filter((p) => !p.field || !shown(declaredPath(p.field)));
}

/** The messages of the problems at `path` or under it (`output`, `output.rename.price`, `output.remove[0]`). */
export function messagesUnder(problems: Problem[] | null, path: string): string[] {
  return (problems ?? [])
    .filter((p) => p.field === path || p.field?.startsWith(`${path}.`) || p.field?.startsWith(`${path}[`))
    .map((p) => p.message);
}
