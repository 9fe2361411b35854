/** The repository's dictionaries/ as DictionaryFiles, for tests that use the real lexicons. */
import { fileURLToPath } from 'node:url';
import { readDictionaryFiles } from '../../../src/nlu/readDictionaryFiles.ts';

export const DICTIONARIES_DIR = fileURLToPath(new URL('../../../dictionaries', import.meta.url));

export function realDictionaryFiles() {
  return readDictionaryFiles(DICTIONARIES_DIR);
}

/** A fixed day so that relative dates (去年, 3年前) have one right answer. */
export const TODAY = new Date('2024-06-15T03:00:00Z');
