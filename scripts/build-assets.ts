// Compiles the stylesheet (sass + govuk-frontend) and the browser islands (esbuild) into public/build.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'public', 'build');
await mkdir(out, { recursive: true });

const css = sass.compile(path.join(root, 'src/styles/klaster.scss'), {
  loadPaths: [path.join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin'] as never,
});
await writeFile(path.join(out, 'klaster.css'), css.css);

await build({
  entryPoints: [path.join(root, 'src/client/main.ts')],
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  outfile: path.join(out, 'klaster.js'),
  logLevel: 'warning',
});

await cp(path.join(root, 'node_modules/govuk-frontend/dist/govuk/assets'), path.join(out, 'govuk'), {
  recursive: true,
});
console.log('assets built in public/build');
