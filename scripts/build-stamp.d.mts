// Types of build-stamp.mjs (plain JavaScript so that `prestart` runs without a TypeScript loader).
import type { StdioOptions } from 'node:child_process';

export declare const projectRoot: string;
export declare const buildOutputs: readonly string[];
export declare function stampPath(root?: string): string;
export declare function inputsHash(root?: string): string;
export declare function buildState(root?: string): 'fresh' | 'stale';
export declare function removeStamp(root?: string): void;
export declare function writeStamp(hash: string, root?: string): void;
export declare function ensureBuilt(root?: string, stdio?: StdioOptions): boolean;
