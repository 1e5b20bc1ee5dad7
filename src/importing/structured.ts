/**
 * Reads a `.json`, `.yaml` or `.yml` import file: parsed (JSON positions from jsonSource.ts, YAML lines from its
 * document), validated against the import schema (importSchema.ts) and normalised, or refused with one line that
 * names file, line, path and field (importIssues.ts). The schema's types and limits are re-exported from here, the
 * one place callers import from.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { ImportError } from './errors';
import { toImportError, type ParsedSource } from './importIssues';
import { IMPORT_EXTENSIONS, importFileSchema, type ImportDocument, type PathSegment } from './importSchema';
import {
  findDuplicateKey,
  jsonOffsetsOf,
  lineAt,
  lineIndex,
  locateJsonError,
  positionFromMessage,
} from './jsonSource';

export {
  IMPORT_EXTENSIONS,
  importFileSchema,
  MAX_ACTIONS_PER_FILE,
  MAX_AUDITS_PER_FILE,
  MAX_VERDICTS_PER_RECOMMENDATION,
  type ImportActionInput,
  type ImportAuditInput,
  type ImportDocument,
  type ImportEvidenceInput,
  type ImportRecommendationInput,
  type ImportVerdictInput,
} from './importSchema';

/**
 * Parses and validates a `.json`, `.yaml` or `.yml` import file, all or nothing: either the whole file is valid
 * and comes back normalised, or nothing does.
 * @param fileName the name the user gave; it picks the format by extension and names the file in errors.
 * @param text the file's content.
 * @throws ImportError naming file, line, path, field and what was expected, in one line of Swedish.
 * @example parseImportFile('granskningar.yaml', text).audits[0].recommendations[0].actions[0].owner
 */
export function parseImportFile(fileName: string, text: string): ImportDocument {
  const extension = extensionOf(fileName);
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new ImportError({
      file: fileName,
      line: null,
      expected: `en fil som slutar på ${IMPORT_EXTENSIONS.join(', ')}`,
      problem: `kan inte importera ${extension === '' ? 'en fil utan filändelse' : `en ${extension}-fil`}; filen ska sluta på ${IMPORT_EXTENSIONS.join(', ')}`,
    });
  }
  // Editors on Windows often save a byte-order mark, which JSON.parse refuses. It is one character on line 1,
  // so removing it keeps every line number.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = extension === '.json' ? readJson(fileName, source) : readYaml(fileName, source);

  const result = importFileSchema.safeParse(parsed.data);
  if (!result.success) throw toImportError(fileName, parsed, result.error);
  const document: ImportDocument = result.data;
  return document;
}

/**
 * Validates an import document built in code rather than read from a file (a draft made from a response
 * document): the same schema, normalisation and one-line errors as {@link parseImportFile}, without line numbers.
 * @param fileName the file the data was made from; it names the file in errors.
 * @throws ImportError naming file, path, field and what was expected.
 */
export function validateImportDocument(fileName: string, data: unknown): ImportDocument {
  const result = importFileSchema.safeParse(data);
  if (!result.success) {
    throw toImportError(fileName, { data, linesOf: (paths) => paths.map(() => null) }, result.error);
  }
  const document: ImportDocument = result.data;
  return document;
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

function readYaml(fileName: string, source: string): ParsedSource {
  const lineCounter = new LineCounter();
  // YAML 1.2's core schema keeps 2021-12-01 and `yes` as strings, as a person writing the file means them.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const [error] = doc.errors;
  if (error) {
    throw new ImportError({
      file: fileName,
      line: lineCounter.linePos(error.pos[0]).line,
      expected: 'giltig YAML',
      problem: `ogiltig YAML: ${error.message}`,
      cause: error,
    });
  }
  try {
    const data: unknown = doc.toJS({ maxAliasCount: 100 });
    return { data, linesOf: (paths) => paths.map((path) => yamlLineOf(doc, lineCounter, path)) };
  } catch (cause) {
    // toJS refuses alias bombs ("billion laughs"); the document itself parsed, so there is no better line.
    throw new ImportError({
      file: fileName,
      line: null,
      expected: 'giltig YAML',
      problem: `ogiltig YAML: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    });
  }
}

function readJson(fileName: string, source: string): ParsedSource {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (cause) {
    // Node 20's messages give a position for some errors only ("Unexpected token 'u', ... is not valid JSON"
    // has none), so the place and a Swedish reason come from a small scanner; V8's position is the fallback.
    const found = locateJsonError(source) ?? positionFromMessage(cause);
    throw new ImportError({
      file: fileName,
      line: found === null ? null : lineAt(source, found.offset),
      expected: 'giltig JSON',
      problem: `ogiltig JSON: ${found?.reason ?? 'filen kan inte läsas som JSON'}`,
      cause,
    });
  }
  // No YAML view of a JSON file: building one takes many times the memory of JSON.parse's value, and lines come
  // from the text itself, in one linear pass each, only when there is something to point at.
  const duplicate = findDuplicateKey(source);
  if (duplicate !== null) {
    // JSON.parse quietly keeps the last of two equal keys; the writer surely meant one of them, so ask which.
    throw new ImportError({
      file: fileName,
      line: lineAt(source, duplicate),
      expected: 'varje fält en gång per objekt',
      problem: 'samma fält står två gånger i ett objekt',
    });
  }
  return {
    data,
    linesOf: (paths) => {
      const lines = lineIndex(source);
      return jsonOffsetsOf(source, paths).map((offset) => lines(offset));
    },
  };
}

/** The 1-based line of the node at `path` in a YAML document, or of its nearest ancestor the file has. */
function yamlLineOf(doc: Document, lineCounter: LineCounter, path: PathSegment[]): number {
  let node: unknown = doc.contents;
  // An empty file has no root node; its problem ("audits" missing) is on line 1.
  let offset = rangeStart(node) ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node) && typeof segment === 'string') {
      // A map entry is placed by its key: a block value ("actions:" and a list below) starts on a later line.
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | null {
  const range = (node as YamlNode | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : null;
}
