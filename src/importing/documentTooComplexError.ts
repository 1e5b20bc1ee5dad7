/** Why a document was given up on: it took too long, needed too much memory, or its archive inflates too far. */
export type TooComplexReason = 'time' | 'memory' | 'expansion';

/**
 * A response document that cannot be read within the bounds every document is held to (time, memory, how far a
 * `.docx` inflates). Nothing of it is used. The message is one line in Swedish for the CLI; the bot words its own
 * answer in the user's language from {@link DocumentTooComplexError.reason}.
 * @example
 * // svar.docx: dokumentet är för stort eller för komplicerat för att läsas (word/document.xml är packad 1024 gånger)
 */
export class DocumentTooComplexError extends Error {
  override readonly name = 'DocumentTooComplexError';
  /** The file name as the user gave it. */
  readonly file: string;
  readonly reason: TooComplexReason;
  /** What was exceeded, in Swedish, e.g. `tog mer än 10 s`. */
  readonly detail: string;

  constructor(file: string, reason: TooComplexReason, detail: string, options: { cause?: unknown } = {}) {
    super(
      `${file.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')}: dokumentet är för stort eller för komplicerat för att ` +
        `läsas (${detail})`,
      { cause: options.cause },
    );
    this.file = file;
    this.reason = reason;
    this.detail = detail;
  }
}
