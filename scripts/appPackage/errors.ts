import { isAbsolute, relative } from 'node:path';

/**
 * The app package cannot be built. `problems` holds one line per problem, each starting with the file or variable it
 * is about, so that the command line can print them as they are and a test can look for one of them.
 */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
  /** One line per problem, in Swedish, e.g. `manifest.json: /bots/0/scopes/0: must be equal to one of …`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options: { cause?: unknown } = {}) {
    super(problems.join('\n'), { cause: options.cause });
    this.problems = problems;
  }
}

/** A path as the user would type it in a message: relative to the current directory when it lies below it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
