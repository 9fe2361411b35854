/** What `npm run flows:check` runs on dictionaries/: every problem, none thrown. Pure, no kuromoji. */
import type { DictionaryIssue } from './NluError.ts';
import { type DictionaryFile, parseDictionaries } from './parseDictionaries.ts';

export function validateDictionaries(files: DictionaryFile[]): DictionaryIssue[] {
  return parseDictionaries(files).issues;
}
