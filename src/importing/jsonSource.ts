/**
 * Positions in JSON text, read from the text itself in linear passes: where a file that JSON.parse refuses goes
 * wrong and why (V8's messages give no position for many errors), a key given twice (which JSON.parse quietly
 * accepts), and the line of the node at a path, so that an error names the line to fix.
 */
import type { PathSegment } from './importSchema';
import { quote } from './issueText';

export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Offset to 1-based line, by binary search over the text's line starts, which are found once. */
export function lineIndex(source: string): (offset: number | null) => number | null {
  const starts = [0];
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    if (offset === null) return null;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

// The scanners below read text that JSON.parse has accepted, so they need no error handling of their own.

/** The offset just past the string that starts (with its quote) at `start`. */
function stringEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return source.length;
}

/** The offset just past the number, true, false or null that starts at `start`. */
function scalarEnd(source: string, start: number): number {
  let i = start;
  while (i < source.length && !',}] \t\n\r'.includes(source.charAt(i))) i++;
  return i;
}

/** The text of the string from `start` to `end` (quotes included), unescaped only when it has escapes. */
function stringText(source: string, start: number, end: number): string {
  const raw = source.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(source.slice(start, end)) as string) : raw;
}

/** The offset of the first key that repeats one before it in the same object, or null. One linear pass. */
export function findDuplicateKey(source: string): number | null {
  const objects: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < source.length;) {
    const c = source.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(source, i);
      const keys = objects.at(-1);
      if (expectKey && keys) {
        const key = stringText(source, i, end);
        if (keys.has(key)) return i;
        keys.add(key);
        expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b) {
      objects.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) {
      objects.push(null);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) {
      objects.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      expectKey = objects.at(-1) instanceof Set;
    }
    i++;
  }
  return null;
}

/** A node of the paths wanted by {@link jsonOffsetsOf}, with where the text has it. */
interface PathNode {
  children: Map<string, PathNode>;
  offset: number | null;
}

const segmentKey = (segment: PathSegment): string =>
  typeof segment === 'number' ? `#${segment}` : `.${segment}`;

/**
 * Where each path's node starts in JSON text (an object entry at its key, an array item at its value), or its
 * nearest ancestor the text has: the same places a YAML view would give, in one pass over the text for all paths.
 */
export function jsonOffsetsOf(source: string, paths: readonly PathSegment[][]): (number | null)[] {
  const root: PathNode = { children: new Map(), offset: null };
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = segmentKey(segment);
      let child = node.children.get(key);
      if (child === undefined) {
        child = { children: new Map(), offset: null };
        node.children.set(key, child);
      }
      node = child;
    }
  }
  // Each open container knows the wanted node its path leads to (null when no wanted path goes through it).
  interface Frame {
    node: PathNode | null;
    isObject: boolean;
    index: number;
    key: string;
    keyOffset: number;
  }
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < source.length;) {
    const c = source.charCodeAt(i);
    const frame = stack.at(-1);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3a) {
      i++;
      continue;
    }
    if (c === 0x2c) {
      if (frame !== undefined && !frame.isObject) frame.index++;
      expectKey = frame?.isObject ?? false;
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
      i++;
      continue;
    }
    if (expectKey && frame !== undefined && c === 0x22) {
      const end = stringEnd(source, i);
      frame.key = stringText(source, i, end);
      frame.keyOffset = i;
      expectKey = false;
      i = end;
      continue;
    }
    // A value starts here.
    let node: PathNode | null = null;
    if (frame === undefined) {
      node = root;
      root.offset = i;
    } else if (frame.node !== null) {
      node = frame.node.children.get(frame.isObject ? `.${frame.key}` : `#${frame.index}`) ?? null;
      if (node !== null) node.offset = frame.isObject ? frame.keyOffset : i;
    }
    if (c === 0x7b || c === 0x5b) {
      stack.push({ node, isObject: c === 0x7b, index: 0, key: '', keyOffset: i });
      expectKey = c === 0x7b;
      i++;
      continue;
    }
    i = c === 0x22 ? stringEnd(source, i) : scalarEnd(source, i);
  }
  return paths.map((path) => {
    let node = root;
    let offset = root.offset;
    for (const segment of path) {
      const child = node.children.get(segmentKey(segment));
      if (child === undefined || child.offset === null) break;
      offset = child.offset;
      node = child;
    }
    return offset;
  });
}

/** Where JSON text goes wrong, and why, in Swedish. */
export interface JsonProblem {
  offset: number;
  reason: string;
}

export function positionFromMessage(cause: unknown): JsonProblem | null {
  const match = cause instanceof Error ? /at position (\d+)/.exec(cause.message) : null;
  return match ? { offset: Number(match[1]), reason: 'fel i JSON-syntaxen' } : null;
}

/**
 * Finds where JSON text first goes wrong, and why, in Swedish; null when it finds nothing wrong. Iterative, so a
 * deeply nested file cannot overflow the stack.
 */
export function locateJsonError(source: string): JsonProblem | null {
  const stack: ('{' | '[')[] = [];
  type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';
  let expect: Expect = 'value';
  let i = 0;
  const fail = (reason: string, offset = i): JsonProblem => ({ offset, reason });
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'commaOrClose');

  const scanString = (): JsonProblem | null => {
    const start = i;
    i++;
    while (i < source.length) {
      const c = source.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return null;
      }
      if (c < 0x20) return fail('radbrytning eller styrtecken inuti en sträng (skriv \\n)');
      if (c === 0x5c) {
        const next = source.charAt(i + 1);
        if (next !== '' && '"\\/bfnrt'.includes(next)) i += 2;
        else if (next === 'u' && /^[0-9a-f]{4}$/i.test(source.slice(i + 2, i + 6))) i += 6;
        else return fail('ogiltig \\-sekvens i en sträng');
        continue;
      }
      i++;
    }
    return fail('en sträng saknar avslutande citattecken', start);
  };

  const scanScalar = (): JsonProblem | null => {
    const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:e[+-]?\d+)?/iy;
    number.lastIndex = i;
    if (number.exec(source)) {
      i = number.lastIndex;
      return null;
    }
    const word = /[\w.+-]+/y;
    word.lastIndex = i;
    const found = word.exec(source);
    if (found && ['true', 'false', 'null'].includes(found[0])) {
      i = word.lastIndex;
      return null;
    }
    return found
      ? fail(`okänt värde ${quote(found[0])} (text ska stå inom citattecken)`)
      : fail(`oväntat tecken ${quote(source.charAt(i))}`);
  };

  for (;;) {
    while (i < source.length && ' \t\n\r'.includes(source.charAt(i))) i++;
    if (i >= source.length) {
      return expect === 'end' ? null : fail('filen tar slut mitt i (saknas } eller ]?)', source.length);
    }
    const ch = source.charAt(i);
    const close = stack[stack.length - 1] === '{' ? '}' : ']';
    let problem: JsonProblem | null = null;
    switch (expect) {
      case 'end':
        return fail(`oväntat tecken ${quote(ch)} efter slutet av JSON-värdet`);
      case 'colon':
        if (ch !== ':') return fail(`förväntade ":" efter fältnamnet, fick ${quote(ch)}`);
        i++;
        expect = 'value';
        continue;
      case 'commaOrClose':
        if (ch === ',') {
          i++;
          expect = close === '}' ? 'key' : 'value';
        } else if (ch === close) {
          i++;
          stack.pop();
          expect = afterValue();
        } else {
          return fail(`förväntade "," eller "${close}", fick ${quote(ch)}`);
        }
        continue;
      case 'key':
      case 'keyOrClose':
        if (ch === '}' && expect === 'keyOrClose') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch !== '"') {
          const hint = ch === '}' ? ' (ett kommatecken för mycket?)' : '';
          return fail(`förväntade ett fältnamn inom citattecken, fick ${quote(ch)}${hint}`);
        }
        problem = scanString();
        if (problem) return problem;
        expect = 'colon';
        continue;
      case 'value':
      case 'valueOrClose':
        if (ch === ']' && expect === 'valueOrClose') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (ch === '{' || ch === '[') {
          stack.push(ch);
          i++;
          expect = ch === '{' ? 'keyOrClose' : 'valueOrClose';
          continue;
        }
        if (ch === ']' || ch === '}') {
          return fail(`förväntade ett värde, fick ${quote(ch)} (ett kommatecken för mycket?)`);
        }
        problem = ch === '"' ? scanString() : scanScalar();
        if (problem) return problem;
        expect = afterValue();
        continue;
    }
  }
}
