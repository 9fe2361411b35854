/** The default ConversationStore: one SQLite file in DATA_DIR (better-sqlite3, WAL). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ConversationRecord, ConversationStore, MessageRole, StoredMessage } from '../core/ports.ts';
import { copyMessage, encodeSnapshot, historyLimit } from './records.ts';
import { migrate } from './sqliteMigrations.ts';
import { StoreClosedError, StoreOpenError } from './storeErrors.ts';

interface ConversationRow {
  id: string;
  flow_version: string;
  snapshot: string;
  updated_at: number;
}

interface MessageRow {
  conversation_id: string;
  role: MessageRole;
  text: string;
  options: string | null;
  at: number;
}

function prepare(db: Database.Database) {
  return {
    load: db.prepare<[string], ConversationRow>(
      'SELECT id, flow_version, snapshot, updated_at FROM conversations WHERE id = ?',
    ),
    save: db.prepare<[string, string, string, number]>(
      `INSERT INTO conversations (id, flow_version, snapshot, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET flow_version = excluded.flow_version,
         snapshot = excluded.snapshot, updated_at = excluded.updated_at`,
    ),
    append: db.prepare<[string, string, string, string | null, number]>(
      'INSERT INTO messages (conversation_id, role, text, options, at) VALUES (?, ?, ?, ?, ?)',
    ),
    // The newest `limit` rows, turned back to oldest first; LIMIT -1 means no limit in SQLite.
    history: db.prepare<[string, number], MessageRow>(
      `SELECT conversation_id, role, text, options, at FROM (
         SELECT id, conversation_id, role, text, options, at FROM messages
         WHERE conversation_id = ? ORDER BY id DESC LIMIT ?
       ) ORDER BY id ASC`,
    ),
  };
}

export class SqliteStore implements ConversationStore {
  #db: Database.Database | null;
  readonly #statements: ReturnType<typeof prepare>;
  readonly #appendAll: (messages: StoredMessage[]) => void;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = prepare(db);
    this.#appendAll = db.transaction((messages: StoredMessage[]) => {
      for (const m of messages.map(copyMessage)) {
        const options = m.options === undefined ? null : JSON.stringify(m.options);
        this.#statements.append.run(m.conversationId, m.role, m.text, options, m.at);
      }
    });
  }

  /** Opens (creating if needed) `dataDir/fileName` and brings its schema up to date. */
  static open(dataDir: string, fileName = 'madoguchi.sqlite'): SqliteStore {
    const path = join(dataDir, fileName);
    let db: Database.Database | undefined;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(path);
      db.pragma('journal_mode = WAL');
      // NORMAL is safe with WAL: a power cut may lose the last commits, never corrupt the file.
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      migrate(db);
      return new SqliteStore(db);
    } catch (error) {
      db?.close();
      if (error instanceof StoreOpenError) throw error;
      throw new StoreOpenError(path, (error as Error).message);
    }
  }

  /** The path of the open file, or null once closed. */
  get path(): string | null {
    return this.#db?.name ?? null;
  }

  /** The open connection, for stores that keep their tables in the same file (tickets). */
  get database(): Database.Database {
    if (this.#db === null || !this.#db.open) throw new StoreClosedError('database');
    return this.#db;
  }

  #use(operation: string): ReturnType<typeof prepare> {
    if (this.#db === null || !this.#db.open) throw new StoreClosedError(operation);
    return this.#statements;
  }

  async load(conversationId: string): Promise<ConversationRecord | null> {
    const row = this.#use('load').load.get(conversationId);
    if (row === undefined) return null;
    return {
      id: row.id,
      flowVersion: row.flow_version,
      snapshot: JSON.parse(row.snapshot) as unknown,
      updatedAt: row.updated_at,
    };
  }

  async save(record: ConversationRecord): Promise<void> {
    const statements = this.#use('save');
    const snapshot = encodeSnapshot(record.id, record.snapshot);
    statements.save.run(record.id, record.flowVersion, snapshot, record.updatedAt);
  }

  async appendMessages(messages: StoredMessage[]): Promise<void> {
    this.#use('appendMessages');
    if (messages.length > 0) this.#appendAll(messages);
  }

  async history(conversationId: string, limit?: number): Promise<StoredMessage[]> {
    const rows = this.#use('history').history.all(conversationId, historyLimit(limit) ?? -1);
    return rows.map((row) => ({
      conversationId: row.conversation_id,
      role: row.role,
      text: row.text,
      ...(row.options === null ? {} : { options: JSON.parse(row.options) as StoredMessage['options'] }),
      at: row.at,
    }));
  }

  async close(): Promise<void> {
    const db = this.#db;
    this.#db = null;
    db?.close();
  }
}
