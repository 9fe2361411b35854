import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/core/ports.ts';
import { MIGRATIONS, migrate, schemaVersion } from '../../../src/store/sqliteMigrations.ts';
import { SqliteStore } from '../../../src/store/sqliteStore.ts';
import { StoreOpenError } from '../../../src/store/storeErrors.ts';

let dir: string;
const opened: Array<{ close(): unknown }> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-sqlite-'));
});

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
  rmSync(dir, { recursive: true, force: true });
});

function openStore(dataDir = dir, fileName?: string): SqliteStore {
  const store = SqliteStore.open(dataDir, fileName);
  opened.push(store);
  return store;
}

function raw(path: string): Database.Database {
  const db = new Database(path);
  opened.push(db);
  return db;
}

const greeting: StoredMessage = { conversationId: 'c1', role: 'user', text: '残高が消えました', at: 1 };
const question: StoredMessage = {
  conversationId: 'c1',
  role: 'bot',
  text: 'ギフト券の登録の話ですか？',
  options: [{ id: 'yes', label: 'はい' }],
  at: 2,
};

describe('SqliteStore on a real file', () => {
  it('creates a missing data directory and the file under the given name', () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = openStore(dataDir, 'test.sqlite');
    expect(store.path).toBe(join(dataDir, 'test.sqlite'));
    expect(existsSync(join(dataDir, 'test.sqlite'))).toBe(true);
  });

  it('keeps conversations and history across close and reopen', async () => {
    const first = openStore();
    await first.save({
      id: 'c1',
      flowVersion: 'v1',
      snapshot: { value: 'askBranch', context: { n: 1 } },
      updatedAt: 5,
    });
    await first.appendMessages([greeting, question]);
    await first.close();
    expect(first.path).toBeNull();

    const second = openStore();
    expect(await second.load('c1')).toEqual({
      id: 'c1',
      flowVersion: 'v1',
      snapshot: { value: 'askBranch', context: { n: 1 } },
      updatedAt: 5,
    });
    expect(await second.history('c1')).toEqual([greeting, question]);
    await second.appendMessages([{ ...greeting, text: 'はい', at: 3 }]);
    expect((await second.history('c1', 2)).map((m) => m.text)).toEqual([
      'ギフト券の登録の話ですか？',
      'はい',
    ]);
  });

  it('writes the file in WAL mode at the current schema version', () => {
    openStore();
    const db = raw(join(dir, 'madoguchi.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'messages']));
  });

  it("lets two stores on the same file see each other's writes", async () => {
    const a = openStore();
    const b = openStore();
    await a.save({ id: 'c1', flowVersion: 'v1', snapshot: { from: 'a' }, updatedAt: 1 });
    expect((await b.load('c1'))?.snapshot).toEqual({ from: 'a' });
    await b.appendMessages([greeting]);
    await b.save({ id: 'c1', flowVersion: 'v1', snapshot: { from: 'b' }, updatedAt: 2 });
    expect(await a.history('c1')).toEqual([greeting]);
    expect((await a.load('c1'))?.snapshot).toEqual({ from: 'b' });
  });

  it('stores a batch of messages all or nothing', async () => {
    const store = openStore();
    const broken = { ...question, text: null } as unknown as StoredMessage;
    await expect(store.appendMessages([greeting, broken])).rejects.toThrow();
    expect(await store.history('c1')).toEqual([]);
  });
});

describe('SQLite schema migrations', () => {
  it('applies only the steps a file lacks and keeps its data', async () => {
    const store = openStore();
    await store.save({ id: 'c1', flowVersion: 'v1', snapshot: {}, updatedAt: 1 });
    await store.close();

    const db = raw(join(dir, 'madoguchi.sqlite'));
    const later = [
      ...MIGRATIONS,
      'CREATE TABLE later_step (id INTEGER PRIMARY KEY, conversation_id TEXT NOT NULL)',
    ];
    expect(migrate(db, later)).toBe(MIGRATIONS.length + 1);
    expect(migrate(db, later)).toBe(MIGRATIONS.length + 1);
    expect(db.prepare('SELECT id FROM conversations').pluck().all()).toEqual(['c1']);
    expect(db.prepare('SELECT count(*) FROM later_step').pluck().get()).toBe(0);
  });

  it('refuses a file written by a newer schema, saying so', () => {
    const db = raw(join(dir, 'madoguchi.sqlite'));
    migrate(db, [...MIGRATIONS, 'CREATE TABLE future (id INTEGER)']);
    db.close();
    expect(() => SqliteStore.open(dir)).toThrow(StoreOpenError);
    expect(() => SqliteStore.open(dir)).toThrow(/newer version/);
  });

  it('refuses a file that is not a database with a coded error naming the path', () => {
    writeFileSync(join(dir, 'madoguchi.sqlite'), 'this is not a database, just text '.repeat(100));
    let error: unknown;
    try {
      SqliteStore.open(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ code: 'STORE_OPEN_FAILED', path: join(dir, 'madoguchi.sqlite') });
  });
});
