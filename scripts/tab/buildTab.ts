/**
 * Builds the tab's page (web/) into a directory: the Preact views bundled and minified by esbuild as ES modules,
 * with the Teams library split into a chunk of its own that only a page inside Teams loads; the HTML and CSS
 * copied as they are. `npm run build` writes dist/tab/, which the server serves under /tab/.
 */
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../..');
const WEB = join(ROOT, 'web');
/** Copied unchanged beside the bundles. */
const STATIC_FILES = ['index.html', 'config.html', 'tab.css'];

/** What was written, with the size of each file in bytes. */
export interface TabBuild {
  outDir: string;
  files: { name: string; bytes: number }[];
}

/** Builds the page into `outDir` (emptied first). */
export async function buildTabAssets(outDir: string): Promise<TabBuild> {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: join(WEB, 'main.tsx'), config: join(WEB, 'config.tsx') },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2020'],
    minify: true,
    // A source map would double what is sent; the sources are in the repository.
    sourcemap: false,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    tsconfig: join(WEB, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });
  for (const name of STATIC_FILES) await copyFile(join(WEB, name), join(outDir, name));
  const names = [
    ...Object.keys(result.metafile.outputs).map((path) => path.split('/').pop() ?? path),
    ...STATIC_FILES,
  ];
  const files = await Promise.all(
    names.map(async (name) => ({ name, bytes: (await stat(join(outDir, name))).size })),
  );
  return { outDir, files };
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(ROOT, 'dist/tab'));
  buildTabAssets(outDir).then(
    ({ files }) => {
      const total = files.reduce((sum, file) => sum + file.bytes, 0);
      console.log(
        `Fliken byggd i ${outDir}: ${files.map((f) => `${f.name} ${f.bytes} B`).join(', ')} (${total} B).`,
      );
    },
    (error: unknown) => {
      console.error('Fliken kunde inte byggas:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
