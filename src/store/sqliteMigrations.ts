/**
 * The SQLite schema as numbered steps. PRAGMA user_version holds how many have been applied; a
 * later issue (tickets, ...) appends a step and never edits an applied one.
 */
import type Database from 'better-sqlite3';
import { StoreOpenError } from './storeErrors.ts';

export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY,
     flow_version TEXT NOT NULL,
     snapshot TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE TABLE messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     conversation_id TEXT NOT NULL,
     role TEXT NOT NULL,
     text TEXT NOT NULL,
     options TEXT,
     at INTEGER NOT NULL
   );
   CREATE INDEX messages_by_conversation ON messages (conversation_id, id);`,
  // Issue 5: tickets for human agents (src/handoff/sqliteTicketStore.ts). JSON in summary, desk_refs.
  `CREATE TABLE tickets (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL,
     channel TEXT NOT NULL,
     status TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     taken_at INTEGER,
     closed_at INTEGER,
     agent TEXT,
     summary TEXT NOT NULL,
     urgent INTEGER NOT NULL,
     rating INTEGER,
     wait_notice_at INTEGER,
     desk_refs TEXT NOT NULL
   );
   CREATE INDEX tickets_by_conversation ON tickets (conversation_id, created_at);
   CREATE INDEX tickets_by_status ON tickets (status, created_at);`,
];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies the missing steps; returns the version reached. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  // IMMEDIATE takes the write lock before reading the version: two processes opening a fresh file
  // at once cannot both run step 1.
  db.transaction(() => {
    const current = schemaVersion(db);
    if (current > migrations.length) {
      throw new StoreOpenError(
        db.name,
        `its schema version is ${current} but this madoguchi knows only ${migrations.length}; ` +
          'it was written by a newer version',
      );
    }
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    }
  }).immediate();
  return schemaVersion(db);
}
