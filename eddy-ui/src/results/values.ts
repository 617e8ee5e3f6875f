// The values of result events as the results table shows them: nested objects and arrays as JSON
// text, numbers exactly as the server wrote them. JSON.parse would turn a DECIMAL such as
// 12345678901234567.89 into the nearest double and 19.90 into 19.9; the text the server sent is
// kept instead.

/** A number, object or array of an event, as the JSON text the server sent. */
export class JsonText {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

export type EventValue = string | boolean | null | JsonText | unknown;
export type ResultEvent = Record<string, EventValue>;

/**
 * An event from one message of the results stream: a JSON object's strings, booleans and nulls as
 * they are, its numbers, objects and arrays as their JSON text. A message that is not a JSON object
 * is an event with one property `value`; one that is not JSON is null.
 */
export function eventOf(message: string): ResultEvent | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { value: parsed };
  const raw = rawMembers(message);
  const event: ResultEvent = {};
  for (const [name, value] of Object.entries(parsed)) {
    event[name] =
      value !== null && (typeof value === 'number' || typeof value === 'object') && raw[name] !== undefined
        ? new JsonText(raw[name])
        : value;
  }
  return event;
}

/** A value as a cell shows it. */
export const cellText = (v: unknown): string =>
  v === null || v === undefined
    ? ''
    : v instanceof JsonText
      ? v.text
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** The members of a JSON object (already known to be valid) as their source text, by name. */
function rawMembers(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return text.slice(start, i);
  };
  const value = () => {
    const start = i;
    if (text[i] === '"') string();
    else if (text[i] === '{' || text[i] === '[') {
      let depth = 0;
      do {
        if (text[i] === '"') {
          string();
          continue;
        }
        if (text[i] === '{' || text[i] === '[') depth++;
        else if (text[i] === '}' || text[i] === ']') depth--;
        i++;
      } while (depth > 0 && i < text.length);
    } else while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    return text.slice(start, i);
  };
  space();
  i++; // {
  for (;;) {
    space();
    if (text[i] !== '"') break;
    const name = JSON.parse(string()) as string;
    space();
    i++; // :
    space();
    out[name] = value();
    space();
    if (text[i] !== ',') break;
    i++;
  }
  return out;
}
