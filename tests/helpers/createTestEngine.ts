import { type Composed, composeEngine } from '../../src/composeEngine.ts';
import type { EngineOptions } from '../../src/core/engine.ts';
import type { HandoffEngine } from '../../src/core/ports.ts';

/** The real engine (real NLU, the repository's flows) on a memory store, or SQLite in `dataDir`. */
export async function createTestEngine(
  opts: {
    dataDir?: string;
    now?: () => Date;
    onNotice?: EngineOptions['onNotice'];
    inspect?: EngineOptions['inspect'];
  } = {},
): Promise<{ engine: HandoffEngine; close(): Promise<void>; composed: Composed }> {
  const composed = await composeEngine({
    dataDir: opts.dataDir ?? 'memory',
    now: opts.now ?? (() => new Date('2026-12-01T03:00:00Z')),
    onNotice: opts.onNotice,
    inspect: opts.inspect,
  });
  return { engine: composed.engine, close: () => composed.close(), composed };
}
