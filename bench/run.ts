/**
 * `npm run bench`: runs every bench/*.bench.ts in name order and prints one JSON object per
 * benchmark on stdout. Each module's default export returns its results.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type BenchModule = { default: () => Promise<Record<string, unknown>[]> };

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
  for (const result of await mod.default()) {
    process.stdout.write(`${JSON.stringify({ file, ...result })}\n`);
  }
}
