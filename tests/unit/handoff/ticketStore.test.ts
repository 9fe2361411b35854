import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandoffSummary } from '../../../src/core/summary.ts';
import { SqliteTicketStore } from '../../../src/handoff/sqliteTicketStore.ts';
import type { Ticket, TicketStore } from '../../../src/handoff/ticket.ts';
import { TicketExistsError } from '../../../src/handoff/ticketRecords.ts';
import { MemoryTicketStore } from '../../../src/handoff/ticketStore.ts';
import { MIGRATIONS, migrate } from '../../../src/store/sqliteMigrations.ts';
import { SqliteStore } from '../../../src/store/sqliteStore.ts';
import { StoreClosedError } from '../../../src/store/storeErrors.ts';

const dirs: string[] = [];
const closers: Array<() => unknown> = [];

afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-tickets-'));
  dirs.push(dir);
  return dir;
}

function openSqlite(dir: string): { store: SqliteStore; tickets: SqliteTicketStore } {
  const store = SqliteStore.open(dir);
  closers.push(() => store.close());
  return { store, tickets: SqliteTicketStore.open(store) };
}

const factories: Array<{ name: string; open: () => TicketStore }> = [
  { name: 'MemoryTicketStore', open: () => new MemoryTicketStore() },
  { name: 'SqliteTicketStore', open: () => openSqlite(tempDir()).tickets },
];

const summary: HandoffSummary = {
  branch: 'account',
  complaint: '残高が0円になっていました',
  checks: [{ asks: 'auto_applied', question: '注文での自動利用', answer: 'いいえ' }],
  suspectedCause: 'account_hacked',
  urgent: true,
};

function ticket(id: string, extra: Partial<Ticket> = {}): Ticket {
  return {
    id,
    conversationId: 'web:c1',
    channel: 'web',
    status: 'queued',
    createdAt: 1_000,
    takenAt: null,
    closedAt: null,
    agent: null,
    summary: structuredClone(summary),
    urgent: true,
    rating: null,
    waitNoticeAt: null,
    deskRefs: {},
    ...extra,
  };
}

describe.each(factories)('$name keeps the TicketStore contract', ({ open }) => {
  it('gives back exactly the ticket it was given, summary and desk refs included', async () => {
    const tickets = open();
    const full = ticket('T1', {
      status: 'closed',
      takenAt: 2_000,
      closedAt: 3_000,
      agent: '佐藤',
      rating: 4,
      waitNoticeAt: 1_500,
      urgent: false,
      deskRefs: { slack: '1712345678.000100', console: 'x' },
    });
    await tickets.create(full);
    expect(await tickets.get('T1')).toEqual(full);
    expect(await tickets.get('T2')).toBeNull();
  });

  it('refuses a second ticket with the same id and keeps the first', async () => {
    const tickets = open();
    await tickets.create(ticket('T1'));
    await expect(tickets.create(ticket('T1', { conversationId: 'web:other' }))).rejects.toBeInstanceOf(
      TicketExistsError,
    );
    expect((await tickets.get('T1'))?.conversationId).toBe('web:c1');
  });

  it('changes only the patched fields and never the id or conversation', async () => {
    const tickets = open();
    await tickets.create(ticket('T1', { deskRefs: { slack: '1.1' } }));
    const patch = { status: 'active', agent: '佐藤', takenAt: 2_000, id: 'X', conversationId: 'line:U' };
    const updated = await tickets.update('T1', patch as Parameters<TicketStore['update']>[1]);
    const expected = ticket('T1', {
      status: 'active',
      agent: '佐藤',
      takenAt: 2_000,
      deskRefs: { slack: '1.1' },
    });
    expect(updated).toEqual(expected);
    expect(await tickets.get('T1')).toEqual(expected);
    expect(await tickets.update('T9', { status: 'closed' })).toBeNull();
  });

  it('keeps a patch of one field when another field is patched right after', async () => {
    const tickets = open();
    await tickets.create(ticket('T1'));
    await Promise.all([
      tickets.update('T1', { deskRefs: { slack: '9.9' } }),
      tickets.update('T1', { status: 'active', agent: '鈴木' }),
    ]);
    expect(await tickets.get('T1')).toMatchObject({
      status: 'active',
      agent: '鈴木',
      deskRefs: { slack: '9.9' },
    });
  });

  it('is not changed by the caller mutating what it gave or got', async () => {
    const tickets = open();
    const given = ticket('T1', { deskRefs: { slack: '1.1' } });
    await tickets.create(given);
    given.deskRefs.slack = 'changed';
    given.summary.checks.length = 0;
    const got = (await tickets.get('T1')) as Ticket;
    got.deskRefs.slack = 'changed again';
    expect(await tickets.get('T1')).toEqual(ticket('T1', { deskRefs: { slack: '1.1' } }));
  });

  it.each([
    { statuses: undefined, expected: ['T4', 'T3', 'T2', 'T1'] },
    { statuses: [], expected: ['T4', 'T3', 'T2', 'T1'] },
    { statuses: ['queued'], expected: ['T4', 'T1'] },
    { statuses: ['active', 'closed'], expected: ['T3', 'T2'] },
    { statuses: ['cancelled'], expected: [] },
  ] as const)('lists newest first, filtered by $statuses', async ({ statuses, expected }) => {
    const tickets = open();
    await tickets.create(ticket('T1', { createdAt: 1_000 }));
    await tickets.create(ticket('T2', { createdAt: 2_000, status: 'closed' }));
    await tickets.create(ticket('T3', { createdAt: 2_000, status: 'active' })); // same ms: later wins
    await tickets.create(ticket('T4', { createdAt: 3_000 }));
    const listed = await tickets.list(statuses ? [...statuses] : undefined);
    expect(listed.map((t) => t.id)).toEqual(expected);
  });

  it.each([
    { name: 'no ticket', made: [], expected: null },
    {
      name: 'only finished ones',
      made: [
        ['T1', 'closed'],
        ['T2', 'cancelled'],
        ['T3', 'returned'],
      ],
      expected: null,
    },
    {
      name: 'a queued one',
      made: [
        ['T1', 'closed'],
        ['T2', 'queued'],
      ],
      expected: 'T2',
    },
    {
      name: 'an active one before a closed one',
      made: [
        ['T1', 'active'],
        ['T2', 'closed'],
      ],
      expected: 'T1',
    },
    {
      name: 'two open ones',
      made: [
        ['T1', 'active'],
        ['T2', 'queued'],
      ],
      expected: 'T2',
    },
  ] as const)('finds the open ticket of a conversation with $name', async ({ made, expected }) => {
    const tickets = open();
    for (const [i, [id, status]] of made.entries())
      await tickets.create(ticket(id, { status, createdAt: i }));
    await tickets.create(ticket('OTHER', { conversationId: 'line:U1', createdAt: 99 }));
    expect((await tickets.openFor('web:c1'))?.id ?? null).toBe(expected);
    expect((await tickets.openFor('line:U1'))?.id).toBe('OTHER');
  });
});

describe('SqliteTicketStore in the conversation store file', () => {
  it('keeps tickets across close and reopen of the same directory', async () => {
    const dir = tempDir();
    const first = openSqlite(dir);
    await first.tickets.create(ticket('T1'));
    await first.tickets.update('T1', { status: 'active', agent: '佐藤', takenAt: 2_000 });
    await first.store.close();

    const second = openSqlite(dir);
    expect(await second.tickets.get('T1')).toEqual(
      ticket('T1', { status: 'active', agent: '佐藤', takenAt: 2_000 }),
    );
    expect((await second.tickets.openFor('web:c1'))?.id).toBe('T1');
  });

  it('adds the tickets table to a file from before tickets and keeps its conversations', async () => {
    const dir = tempDir();
    const old = new Database(join(dir, 'madoguchi.sqlite'));
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO conversations VALUES ('web:c1', 'v1', '{}', 1)").run();
    old.close();

    const { store, tickets } = openSqlite(dir);
    expect((await store.load('web:c1'))?.flowVersion).toBe('v1');
    await tickets.create(ticket('T1'));
    expect((await tickets.list()).map((t) => t.id)).toEqual(['T1']);
  });

  it('refuses every operation once its store is closed, with StoreClosedError', async () => {
    const { store, tickets } = openSqlite(tempDir());
    await store.close();
    expect(() => SqliteTicketStore.open(store)).toThrow(StoreClosedError);
    const attempts: Array<() => Promise<unknown>> = [
      () => tickets.create(ticket('T1')),
      () => tickets.get('T1'),
      () => tickets.openFor('web:c1'),
      () => tickets.list(),
      () => tickets.update('T1', { rating: 5 }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(StoreClosedError);
  });
});
