/**
 * `npm run --silent converse`: the engine over standard input and output, JSON Lines
 * (contracts.md). One output line per input line, written as soon as the turn is done.
 */
import { createInterface } from 'node:readline';
import { composeEngine } from '../composeEngine.ts';
import { loadConfig } from '../config.ts';
import { InvalidInputError } from '../core/engine.ts';
import { parseTurn } from './parseTurn.ts';

const write = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

const config = loadConfig();
const app = await composeEngine({ dataDir: config.dataDir });
const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
for await (const line of lines) {
  const turn = parseTurn(line);
  if ('error' in turn) {
    write(turn);
    continue;
  }
  try {
    const r = await app.engine.handle(turn);
    write({
      conversationId: r.conversationId,
      replies: r.replies,
      asks: r.asks,
      diagnosis: r.diagnosis,
      outcome: r.outcome,
    });
  } catch (err) {
    write({
      error: err instanceof InvalidInputError ? err.message : `internal error: ${(err as Error).message}`,
    });
  }
}
await app.close();
