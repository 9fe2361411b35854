/** The one place the NLU touches the disk: every *.yaml under a directory, recursively, sorted. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { DictionaryFile } from './parseDictionaries.ts';

/** `dir` is the dictionaries directory; names come back relative to its parent (`dictionaries/x.yaml`). */
export function readDictionaryFiles(dir: string): DictionaryFile[] {
  const root = join(dir, '..');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => ({
      name: relative(root, path).split(sep).join('/'),
      text: readFileSync(path, 'utf8'),
    }));
}
