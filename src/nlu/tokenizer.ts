/**
 * The one kuromoji tokenizer of the process. Loading costs ~0.7 s and ~370 MB, so the promise is
 * memoized: every caller (server readiness, CLIs, tests, bench) shares the same instance.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import { NluError } from './NluError.ts';

export type Tokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;
export type RawToken = kuromoji.IpadicFeatures;

let loading: Promise<Tokenizer> | null = null;

/** kuromoji's dicPath is relative to the working directory unless resolved from the package. */
function dictionaryPath(): string {
  const packageJson = createRequire(import.meta.url).resolve('kuromoji/package.json');
  return join(dirname(packageJson), 'dict');
}

export function loadTokenizer(): Promise<Tokenizer> {
  loading ??= new Promise<Tokenizer>((resolve, reject) => {
    const dicPath = dictionaryPath();
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) {
        loading = null; // let a later call retry instead of caching the failure
        reject(
          new NluError('NLU_TOKENIZER_LOAD', `kuromoji could not load its dictionary from ${dicPath}`, {
            cause: err,
          }),
        );
        return;
      }
      resolve(tokenizer);
    });
  });
  return loading;
}
