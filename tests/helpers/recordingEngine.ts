import { afterAll, beforeAll } from 'vitest';
import type { Engine, EngineInput, StoredMessage, TurnResult } from '../../src/core/ports.ts';
import { createTestEngine } from './createTestEngine.ts';

/** Wraps an engine: records each input and result, can be made to fail, and can be waited on. */
export class RecordingEngine implements Engine {
  readonly inputs: EngineInput[] = [];
  readonly results: TurnResult[] = [];
  failWhen: (input: EngineInput) => boolean = () => false;
  #done = 0;
  #waiters: Array<() => void> = [];

  constructor(private readonly inner: Engine) {}

  async handle(input: EngineInput): Promise<TurnResult> {
    this.inputs.push(input);
    try {
      if (this.failWhen(input)) throw new Error('engine exploded on purpose');
      const result = await this.inner.handle(input);
      this.results.push(result);
      return result;
    } finally {
      this.#done += 1;
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }
  history(conversationId: string, limit?: number): Promise<StoredMessage[]> {
    return this.inner.history(conversationId, limit);
  }
  waitForTurns(count: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (this.#done >= count ? resolve() : this.#waiters.push(check));
      check();
    });
  }
}

/**
 * One real engine for the whole test file (building it loads the tokenizer, too slow for each
 * test), closed after the last test. Call at the top level; the getter works once tests run.
 */
export function useRealEngine(): () => Engine {
  let engine: Engine | undefined;
  let close = async () => {};
  beforeAll(async () => {
    ({ engine, close } = await createTestEngine());
  });
  afterAll(() => close());
  return () => {
    if (!engine) throw new Error('the real engine is only there while the tests run');
    return engine;
  };
}
