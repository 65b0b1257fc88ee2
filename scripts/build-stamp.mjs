// Whether `npm start`'s build (scripts/build.ts) is up to date, without loading a TypeScript loader:
// plain JavaScript, so `prestart` costs a Node start and a hash instead of a rebuild (issue 11).
//
// The stamp, build/.stamp, holds a SHA-256 over the build's inputs: the path and contents of every
// file under src/, the build scripts, this file, package.json, package-lock.json, tsconfig.json
// (esbuild reads it) and node_modules/.package-lock.json (what npm installed: esbuild, sass and
// govuk-frontend, whose sources and assets go into the build). scripts/build.ts removes the stamp
// before it builds and writes the hash it computed before building only once everything is built,
// so a failed or interrupted build leaves no stamp, and a file changed during a build makes the
// next start build again. The build is fresh when the stamp matches and its outputs exist.
//
// `node scripts/build-stamp.mjs` builds when the build is not fresh (the `prestart` hook);
// scripts/start-command.ts calls ensureBuilt for the benchmark and process tests.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const inputFolders = ['src'];
const inputFiles = [
  'scripts/build.ts',
  'scripts/build-assets.ts',
  'scripts/build-stamp.mjs',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'node_modules/.package-lock.json',
];
/** What the build writes; a missing one makes the build stale whatever the stamp says. */
export const buildOutputs = [
  'build/main.mjs',
  'build/cli/main.mjs',
  'public/build/klaster.css',
  'public/build/klaster.js',
  'public/build/govuk',
];

export function stampPath(root = projectRoot) {
  return path.join(root, 'build', '.stamp');
}

function filesUnder(root, folder, into) {
  let entries;
  try {
    entries = readdirSync(path.join(root, folder), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) filesUnder(root, relative, into);
    else into.push(relative);
  }
}

/** The hash of the build's inputs as they are now (a missing input file counts as absent). */
export function inputsHash(root = projectRoot) {
  const files = [];
  for (const folder of inputFolders) filesUnder(root, folder, files);
  for (const file of inputFiles) if (existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const contents = readFileSync(path.join(root, file));
    hash.update(`${file}\0${contents.length}\0`);
    hash.update(contents);
  }
  return hash.digest('hex');
}

/** 'fresh' when the stamp matches the inputs and every output exists, otherwise 'stale'. */
export function buildState(root = projectRoot) {
  if (!buildOutputs.every((output) => existsSync(path.join(root, output)))) return 'stale';
  let stamp;
  try {
    stamp = readFileSync(stampPath(root), 'utf8').trim();
  } catch {
    return 'stale';
  }
  return stamp === inputsHash(root) ? 'fresh' : 'stale';
}

export function removeStamp(root = projectRoot) {
  rmSync(stampPath(root), { force: true });
}

export function writeStamp(hash, root = projectRoot) {
  writeFileSync(stampPath(root), `${hash}\n`);
}

/** Runs the build (scripts/build.ts through tsx) when it is stale; true when it built. */
export function ensureBuilt(root = projectRoot, stdio = 'inherit') {
  if (buildState(root) === 'fresh') return false;
  const built = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/build.ts'], {
    cwd: root,
    stdio,
  });
  if (built.error) throw built.error;
  if (built.status !== 0) throw new Error(`building failed (scripts/build.ts exited with ${built.status})`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
