/**
 * Engine benchmark (`npm run bench engine`): whole turns through the real engine (real NLU, the
 * repository's flows) on SQLite and in memory, each conversation walked from complaint to
 * diagnosis; plus the start-up cost and the process's memory after it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeEngine } from '../src/composeEngine.ts';
import { percentile } from './percentile.ts';

const CONVERSATIONS = 300;
// A complaint, then answers that walk the account branch to a diagnosis and its resolution.
const SCRIPT = [
  'アカウントのギフト券残高が減っています',
  'いいえ',
  'いいえ',
  'はい、昨日キャンセルしました',
  'はい',
];

async function run(dataDir: string) {
  const startedAt = performance.now();
  const app = await composeEngine({ dataDir, now: () => new Date('2026-12-01T03:00:00Z') });
  const startupMs = performance.now() - startedAt;
  const samples: number[] = [];
  const begin = performance.now();
  for (let c = 0; c < CONVERSATIONS; c++) {
    for (const text of SCRIPT) {
      const t0 = performance.now();
      await app.engine.handle({ conversationId: `bench-${c}`, text });
      samples.push(performance.now() - t0);
    }
  }
  const totalMs = performance.now() - begin;
  await app.close();
  samples.sort((a, b) => a - b);
  return {
    benchmark: `engine turn (${dataDir === 'memory' ? 'memory store' : 'SQLite'})`,
    turns: samples.length,
    p50_ms: Math.round(percentile(samples, 50) * 1000) / 1000,
    p99_ms: Math.round(percentile(samples, 99) * 1000) / 1000,
    turns_per_s: Math.round(samples.length / (totalMs / 1000)),
    startup_ms: Math.round(startupMs),
  };
}

export default async function engineBench(): Promise<Record<string, unknown>[]> {
  const sqlite = await run(mkdtempSync(join(tmpdir(), 'madoguchi-bench-')));
  const memory = await run('memory');
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  return [sqlite, { ...memory, rss_mb_after: rssMb }];
}
