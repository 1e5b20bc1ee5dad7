/*
 * Reading response documents built to make a parser backtrack, at 10 KB, 100 KB and 1 MB: the time the bot's own
 * path for a .txt or .md attachment takes (readDocumentText, then extractDraft), plus the .docx path's step from
 * mammoth's HTML to Markdown. Linear reading shows as about ten times the time for ten times the size; a
 * quadratic pattern as a hundred. Each document is read once cold and the best of three runs is printed.
 * Run: npx tsx bench/importLinear.ts
 */
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractDraft } from '../src/importing/document';
import { htmlToMarkdown, readDocumentText } from '../src/importing/documentText';
import { ImportError } from '../src/importing/errors';
import { formatTable, millis } from './format';

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 3;
const ACTION = 'Nämnden kommer att revidera rutinen senast i maj 2025.';

/** `unit` repeated to `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.max(1, Math.ceil(size / unit.length))).slice(0, size);
}

const seed = readFileSync(
  join(__dirname, '..', 'test', 'fixtures', 'seeds', 'trelleborg-sn-samordnade-insatser-2021.txt'),
  'utf8',
);

/** Each document as a function of its size; every one holds one real action, so a draft is made. */
const DOCUMENTS: [string, (size: number) => string][] = [
  ['heading, then spaces', (size) => `# Svar${fill(' ', size)}\n\n${ACTION}`],
  [
    'headings with space runs',
    (size) => `${fill(`# a${' '.repeat(4000)}#${' '.repeat(4000)}b\n`, size)}\n${ACTION}`,
  ],
  ['one-line paragraph', (size) => `${ACTION}\n\n${fill('Lång text utan slut ', size)}`],
  [
    'wrapped paragraph',
    (size) =>
      `${ACTION}\n\n${fill('lång text som bryts vid sjuttio tecken och fortsätter på nästa rad\n', size)}`,
  ],
  ['list item', (size) => `${ACTION}\n\n- ${fill('a', size)}`],
  ['line of asterisks', (size) => `${ACTION}\n\n${fill('*', size)}`],
  ['separator row "-|"', (size) => `${ACTION}\n\n| Åtgärd | Tidplan |\n|${fill('-|', size)}`],
  ['unclosed bold "**a "', (size) => `${ACTION}\n\n${fill('**a ', size)}`],
  ['unclosed links "[a]("', (size) => `${ACTION}\n\n${fill('[a](', size)}`],
  ['fillers before a deadline', (size) => `Åtgärder:\n\n- Ta fram en rutin ${fill('i ', size)}maj 2025.`],
  ['hyphenated committee words', (size) => `${ACTION}\n\n${fill('a- ', size)}och socialnämnden.`],
  ['initials "A. "', (size) => `${ACTION}\n\n${fill('A. ', size)}`],
  ['short lines', (size) => `${ACTION}\n\n${fill('Ab\n', size)}`],
  ['a real response, repeated', (size) => fill(`${seed}\n\n`, size)],
];

/** The bot's path for a .txt attachment, in milliseconds. */
async function readTxt(text: string): Promise<number> {
  const bytes = Buffer.from(text, 'utf8');
  const start = performance.now();
  try {
    extractDraft('svar.txt', await readDocumentText('svar.txt', bytes), { today: '2026-03-02' });
  } catch (error) {
    // "No actions" is an answer too; anything else is a failure of the reader.
    if (!(error instanceof ImportError)) throw error;
  }
  return performance.now() - start;
}

function readHtml(html: string): number {
  const start = performance.now();
  htmlToMarkdown(html);
  return performance.now() - start;
}

async function best(run: () => Promise<number> | number): Promise<number> {
  await run();
  let fastest = Infinity;
  for (let i = 0; i < RUNS; i += 1) fastest = Math.min(fastest, await run());
  return fastest;
}

async function main(): Promise<void> {
  const header = ['document', ...SIZES.map((size) => `${size / 1000} KB`), 'x (1 MB / 100 KB)'];
  const rows: string[][] = [];
  const measure = async (name: string, run: (size: number) => Promise<number> | number): Promise<void> => {
    const times: number[] = [];
    for (const size of SIZES) times.push(await best(() => run(size)));
    const growth = (times[2] ?? 0) / Math.max(times[1] ?? 0, 0.1);
    rows.push([name, ...times.map(millis), growth.toFixed(1)]);
    console.error(`  measured: ${name}`);
  };
  for (const [name, build] of DOCUMENTS) await measure(name, (size) => readTxt(build(size)));
  await measure('.docx Markdown: bold runs', (size) =>
    readHtml(`<p>${fill('<strong>x</strong> ', size)}</p>`),
  );
  await measure('.docx Markdown: unclosed tags', (size) => readHtml(`<p>${fill('<a', size)}</p>`));
  console.log(formatTable(header, rows));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
