/**
 * Builds the engine from the repository's flows and dictionaries, the real NLU and a store.
 * Shared by src/main.ts and the command-line tools, so all of them talk to the same engine.
 */
import { fileURLToPath } from 'node:url';
import { createEngine, type EngineOptions } from './core/engine.ts';
import type { FlowDefinition } from './core/flowDefinition.ts';
import { loadFlow } from './core/loadFlow.ts';
import type { ConversationStore, HandoffEngine, Understanding } from './core/ports.ts';
import { createUnderstanding } from './nlu/createUnderstanding.ts';
import { readDictionaryFiles } from './nlu/readDictionaryFiles.ts';
import { readFlowFiles } from './readFlowFiles.ts';
import { MemoryStore } from './store/memoryStore.ts';
import { SqliteStore } from './store/sqliteStore.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ComposeOptions {
  /** A directory for the SQLite file, or 'memory'. */
  dataDir: string | 'memory';
  now?: () => Date;
  onNotice?: EngineOptions['onNotice'];
  inspect?: EngineOptions['inspect'];
}

export interface Composed {
  engine: HandoffEngine;
  store: ConversationStore;
  understanding: Understanding;
  flow: FlowDefinition;
  close(): Promise<void>;
}

export async function composeEngine(opts: ComposeOptions): Promise<Composed> {
  const flow = loadFlow(readFlowFiles(`${ROOT}flows`));
  const understanding = await createUnderstanding(readDictionaryFiles(`${ROOT}dictionaries`));
  const store = opts.dataDir === 'memory' ? new MemoryStore() : SqliteStore.open(opts.dataDir);
  const engine = createEngine({
    flow,
    understanding,
    store,
    now: opts.now,
    onNotice: opts.onNotice,
    inspect: opts.inspect,
  });
  return { engine, store, understanding, flow, close: () => store.close() };
}
