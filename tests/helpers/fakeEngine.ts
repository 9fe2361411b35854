/**
 * A stand-in Engine for channel tests: echoes the text with two options, answers a choice by
 * naming it, keeps every message as history, and runs one conversation's turns in order.
 */
import type { Engine, EngineInput, Reply, StoredMessage, TurnResult } from '../../src/core/ports.ts';

export interface FakeEngine extends Engine {
  inputs: EngineInput[];
  /** Holds every turn (to catch turns in flight) until the returned function is called. */
  hold(): () => void;
}

export function createFakeEngine(): FakeEngine {
  const messages: StoredMessage[] = [];
  const queues = new Map<string, Promise<unknown>>();
  const options = [
    { id: 'yes', label: 'はい' },
    { id: 'no', label: 'いいえ' },
  ];

  const turn = async (input: EngineInput): Promise<TurnResult> => {
    await held;
    const said = input.text ?? options.find((o) => o.id === input.choice)?.label ?? input.choice ?? '';
    const replies: Reply[] = [
      { text: input.text !== undefined ? `「${said}」ですね。` : `${said}を選びました。`, options: [] },
      { text: 'ほかにもありますか？', options },
    ];
    const at = Date.now();
    messages.push({ conversationId: input.conversationId, role: 'user', text: said, at });
    for (const r of replies) messages.push({ conversationId: input.conversationId, role: 'bot', ...r, at });
    return {
      conversationId: input.conversationId,
      replies,
      asks: null,
      diagnosis: { branch: null, cause: null },
      outcome: 'open',
    };
  };

  let held: Promise<void> = Promise.resolve();

  const engine: FakeEngine = {
    inputs: [],
    hold() {
      let release = () => {};
      held = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    handle(input) {
      engine.inputs.push(input);
      const previous = queues.get(input.conversationId) ?? Promise.resolve();
      const next = previous.then(() => turn(input));
      queues.set(
        input.conversationId,
        next.catch(() => undefined),
      );
      return next;
    },
    async history(conversationId, limit = 1000) {
      return messages.filter((m) => m.conversationId === conversationId).slice(-limit);
    },
  };
  return engine;
}
