/** Scratch directories for tests that need real files. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh empty directory under the OS temp dir; remove it with `removeTempDir`. */
export const makeTempDir = (): string => mkdtempSync(join(tmpdir(), 'plenary-storage-'));

/** Deletes a directory from `makeTempDir` and everything in it. */
export const removeTempDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });
