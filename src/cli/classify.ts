/**
 * `npm run --silent classify`: the NLU alone, JSON Lines (contracts.md). One complaint per input
 * line, one `{"text","branch","cause","confidence","evidence"}` per output line, same order,
 * written as soon as the line is read. An empty line gives an empty-text result: branch "other",
 * cause null, confidence 0 (nothing was said, so nothing points at a gift card problem). Lines of
 * any length are accepted; only the first MAX_TEXT_LENGTH characters are read, the whole line is
 * echoed in `text`.
 */
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createUnderstanding } from '../nlu/createUnderstanding.ts';
import { readDictionaryFiles } from '../nlu/readDictionaryFiles.ts';

// A reader that went away (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

const understanding = await createUnderstanding(
  readDictionaryFiles(join(dirname(fileURLToPath(import.meta.url)), '../../dictionaries')),
);

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  const { complaint } = understanding.read(line, new Date());
  process.stdout.write(`${JSON.stringify(complaint)}\n`);
}
