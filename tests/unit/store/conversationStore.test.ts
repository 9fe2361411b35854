import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRecord, ConversationStore, StoredMessage } from '../../../src/core/ports.ts';
import { MemoryStore } from '../../../src/store/memoryStore.ts';
import { SqliteStore } from '../../../src/store/sqliteStore.ts';
import { StoreClosedError, StoreRecordError } from '../../../src/store/storeErrors.ts';

const dirs: string[] = [];
const stores: ConversationStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const factories: Array<{ name: string; open: () => ConversationStore }> = [
  { name: 'MemoryStore', open: () => new MemoryStore() },
  {
    name: 'SqliteStore',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'madoguchi-store-'));
      dirs.push(dir);
      return SqliteStore.open(dir);
    },
  },
];

function record(id: string, snapshot: unknown, updatedAt = 1_713_900_000_000): ConversationRecord {
  return { id, flowVersion: 'flows-3f2a9c', snapshot, updatedAt };
}

function message(conversationId: string, n: number, extra: Partial<StoredMessage> = {}): StoredMessage {
  return {
    conversationId,
    role: n % 2 === 0 ? 'user' : 'bot',
    text: `発言${n}`,
    at: 1_713_900_000_000 + n,
    ...extra,
  };
}

// Shapes an XState persisted snapshot can take, and the awkward corners of JSON.
const snapshots: Array<[string, unknown]> = [
  [
    'a nested machine snapshot',
    {
      status: 'active',
      value: { giftcard: { check: 'expired' } },
      context: { branch: 'giftcard', answers: [{ asks: 'expired', answer: 'yes' }], turn: 3, score: 0.75 },
      historyValue: {},
      children: {},
    },
  ],
  ['Japanese text and emoji', { text: 'ギフト券の残高が０円に…😢', 日本語のキー: '値' }],
  ['an array at the top', [1, 'two', null, true, { three: [3] }]],
  ['a plain string', 'idle'],
  ['null', null],
  ['numbers at their limits', { big: Number.MAX_SAFE_INTEGER, small: -0.000001, exp: 1e21 }],
  ['empty containers and strings', { a: [], b: {}, c: '' }],
];

describe.each(factories)('$name keeps the ConversationStore contract', ({ open }) => {
  function store(): ConversationStore {
    const s = open();
    stores.push(s);
    return s;
  }

  it.each(snapshots)('round-trips %s exactly', async (_name, snapshot) => {
    const s = store();
    const saved = record('c1', snapshot);
    await s.save(saved);
    expect(await s.load('c1')).toEqual(saved);
  });

  it('returns null for an unknown conversation', async () => {
    const s = store();
    await s.save(record('c1', { a: 1 }));
    expect(await s.load('c2')).toBeNull();
  });

  it('overwrites a conversation with its latest save', async () => {
    const s = store();
    await s.save(record('c1', { step: 1 }, 1));
    await s.save({ id: 'c1', flowVersion: 'flows-new', snapshot: { step: 2 }, updatedAt: 2 });
    expect(await s.load('c1')).toEqual({
      id: 'c1',
      flowVersion: 'flows-new',
      snapshot: { step: 2 },
      updatedAt: 2,
    });
  });

  it('is not changed by the caller mutating what it saved or loaded', async () => {
    const s = store();
    const snapshot = { context: { turn: 1 } };
    await s.save(record('c1', snapshot));
    snapshot.context.turn = 99;
    const loaded = (await s.load('c1')) as ConversationRecord;
    (loaded.snapshot as typeof snapshot).context.turn = 42;
    expect((await s.load('c1'))?.snapshot).toEqual({ context: { turn: 1 } });
  });

  it('rejects a snapshot that is not JSON with a coded error', async () => {
    const s = store();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(s.save(record('c1', circular))).rejects.toBeInstanceOf(StoreRecordError);
    await expect(s.save(record('c1', undefined))).rejects.toMatchObject({ code: 'STORE_RECORD_INVALID' });
    expect(await s.load('c1')).toBeNull();
  });

  it('gives the history oldest first, options included, exactly as appended', async () => {
    const s = store();
    const options = [
      { id: 'yes', label: 'はい' },
      { id: 'no', label: 'いいえ' },
    ];
    const messages = [
      message('c1', 0),
      message('c1', 1, { options }),
      message('c1', 2, { role: 'agent' }),
      message('c1', 3, { role: 'system', options: [] }),
    ];
    await s.appendMessages(messages.slice(0, 2));
    await s.appendMessages(messages.slice(2));
    await s.appendMessages([]);
    expect(await s.history('c1')).toEqual(messages);
    expect((await s.history('c1'))[0]).not.toHaveProperty('options');
  });

  it('keeps appending order even when timestamps disagree', async () => {
    const s = store();
    await s.appendMessages([message('c1', 0, { at: 300 }), message('c1', 1, { at: 100 })]);
    expect((await s.history('c1')).map((m) => m.text)).toEqual(['発言0', '発言1']);
  });

  it.each([
    { limit: undefined, expected: [0, 1, 2, 3, 4] },
    { limit: 10, expected: [0, 1, 2, 3, 4] },
    { limit: 5, expected: [0, 1, 2, 3, 4] },
    { limit: 3, expected: [2, 3, 4] },
    { limit: 1, expected: [4] },
    { limit: 2.7, expected: [3, 4] },
    { limit: 0, expected: [] },
    { limit: -1, expected: [] },
  ])('with limit $limit gives the newest messages, oldest first', async ({ limit, expected }) => {
    const s = store();
    await s.appendMessages([0, 1, 2, 3, 4].map((n) => message('c1', n)));
    expect((await s.history('c1', limit)).map((m) => m.text)).toEqual(expected.map((n) => `発言${n}`));
  });

  it('keeps each conversation its own history', async () => {
    const s = store();
    await s.appendMessages([message('c1', 0), message('c2', 1), message('c1', 2)]);
    await s.appendMessages([message('c2', 3)]);
    expect((await s.history('c1')).map((m) => m.text)).toEqual(['発言0', '発言2']);
    expect((await s.history('c2')).map((m) => m.text)).toEqual(['発言1', '発言3']);
    expect(await s.history('c3')).toEqual([]);
  });

  it('refuses every operation after close with StoreClosedError, and closes twice quietly', async () => {
    const s = store();
    await s.save(record('c1', {}));
    await s.close();
    await expect(s.close()).resolves.toBeUndefined();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['load', () => s.load('c1')],
      ['save', () => s.save(record('c1', {}))],
      ['appendMessages', () => s.appendMessages([message('c1', 0)])],
      ['history', () => s.history('c1')],
    ];
    for (const [operation, attempt] of attempts) {
      const error = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreClosedError);
      expect(error).toMatchObject({ code: 'STORE_CLOSED', operation });
      expect((error as Error).message).toMatch(/open a new store/);
    }
  });
});
