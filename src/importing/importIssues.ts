/**
 * A failed schema check as one ImportError: the problem nearest the top of the file, with its line, its path
 * (`audits[0].recommendations[2].actions[5].due`), the field, what was expected and what the file had, in one line
 * of Swedish, and how many other places are wrong.
 */
import { z } from 'zod';
import { isRecord } from '../domain/guards';
import { ImportError } from './errors';
import type { PathSegment } from './importSchema';
import { formatPath, quote } from './issueText';

/** A file read into data, and how to find the line of a path in it. */
export interface ParsedSource {
  data: unknown;
  /** The 1-based line of each path's node, or of its nearest ancestor the file has; null when unknown. */
  linesOf: (paths: readonly PathSegment[][]) => (number | null)[];
}

interface Located {
  path: PathSegment[];
  line: number | null;
  expected: string;
  problem: string;
}

export function toImportError(fileName: string, parsed: ParsedSource, error: z.ZodError): ImportError {
  const described = error.issues.map((issue) => locate(parsed, issue));
  const lines = parsed.linesOf(described.map((issue) => issue.path));
  const located = described.map((issue, order) => ({ order, ...issue, line: lines[order] ?? null }));
  // The problem nearest the top of the file first: that is where the reader will start fixing.
  located.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.order - b.order);
  const first = located[0];
  // Two checks failing on one field are one thing to fix, so only other places are counted.
  const more = new Set(located.map((issue) => formatPath(issue.path))).size - 1;
  const field = [...first.path].reverse().find((segment): segment is string => typeof segment === 'string');
  return new ImportError({
    file: fileName,
    line: first.line,
    path: formatPath(first.path),
    field: field ?? '',
    expected: first.expected,
    problem: more === 0 ? first.problem : `${first.problem} (och ${more} fel till i filen)`,
    cause: error,
  });
}

function locate(parsed: ParsedSource, issue: z.ZodIssue): Omit<Located, 'line'> {
  if (issue.code === z.ZodIssueCode.unrecognized_keys) {
    const path = [...issue.path, issue.keys[0]];
    return {
      path,
      expected: `ett av fälten ${issue.message}`,
      problem: `okänt fält ${issue.keys.map(quote).join(', ')}; tillåtna fält är ${issue.message}`,
    };
  }
  const params: unknown = issue.code === z.ZodIssueCode.custom ? issue.params : undefined;
  const problem =
    isRecord(params) && typeof params.problem === 'string'
      ? params.problem
      : `förväntade ${issue.message}, fick ${describe(valueAt(parsed.data, issue.path))}`;
  return { path: issue.path, expected: issue.message, problem };
}

const MISSING = Symbol('missing');

function valueAt(data: unknown, path: PathSegment[]): unknown {
  let current: unknown = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return MISSING;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

/** What the file had, in words; strings quoted and escaped so the message stays one readable line. */
function describe(value: unknown): string {
  if (value === MISSING || value === undefined) return 'inget (fältet saknas)';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > 60 ? `${quote(value.slice(0, 60))}… (${value.length} tecken)` : quote(value);
  }
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `talet ${value}`;
  if (typeof value === 'boolean') return `${value} (ett sanningsvärde)`;
  if (Array.isArray(value)) return `en lista med ${value.length} element`;
  if (value instanceof Date) return 'ett datum utan citattecken (skriv det inom citattecken)';
  return 'ett objekt';
}
