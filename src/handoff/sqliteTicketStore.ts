/** Tickets in the SqliteStore's file and connection: a restart keeps them with the conversations. */
import type Database from 'better-sqlite3';
import type { HandoffSummary } from '../core/summary.ts';
import type { SqliteStore } from '../store/sqliteStore.ts';
import { StoreClosedError } from '../store/storeErrors.ts';
import type { Ticket, TicketStatus, TicketStore } from './ticket.ts';
import { applyPatch, TicketExistsError, type TicketPatch } from './ticketRecords.ts';

interface TicketRow {
  id: string;
  conversation_id: string;
  channel: string;
  status: TicketStatus;
  created_at: number;
  taken_at: number | null;
  closed_at: number | null;
  agent: string | null;
  summary: string;
  urgent: number;
  rating: number | null;
  wait_notice_at: number | null;
  desk_refs: string;
}

const COLUMNS =
  'id, conversation_id, channel, status, created_at, taken_at, closed_at, agent, summary, urgent, ' +
  'rating, wait_notice_at, desk_refs';

// rowid breaks ties between tickets created in the same millisecond: the later insert is newer.
const NEWEST_FIRST = 'ORDER BY created_at DESC, rowid DESC';

function toRow(t: Ticket): TicketRow {
  return {
    id: t.id,
    conversation_id: t.conversationId,
    channel: t.channel,
    status: t.status,
    created_at: t.createdAt,
    taken_at: t.takenAt,
    closed_at: t.closedAt,
    agent: t.agent,
    summary: JSON.stringify(t.summary),
    urgent: t.urgent ? 1 : 0,
    rating: t.rating,
    wait_notice_at: t.waitNoticeAt,
    desk_refs: JSON.stringify(t.deskRefs),
  };
}

function fromRow(row: TicketRow): Ticket {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    channel: row.channel,
    status: row.status,
    createdAt: row.created_at,
    takenAt: row.taken_at,
    closedAt: row.closed_at,
    agent: row.agent,
    summary: JSON.parse(row.summary) as HandoffSummary,
    urgent: row.urgent === 1,
    rating: row.rating,
    waitNoticeAt: row.wait_notice_at,
    deskRefs: JSON.parse(row.desk_refs) as Record<string, string>,
  };
}

function prepare(db: Database.Database) {
  return {
    insert: db.prepare<[TicketRow]>(
      `INSERT INTO tickets (${COLUMNS}) VALUES (@id, @conversation_id, @channel, @status, @created_at,
         @taken_at, @closed_at, @agent, @summary, @urgent, @rating, @wait_notice_at, @desk_refs)`,
    ),
    get: db.prepare<[string], TicketRow>(`SELECT ${COLUMNS} FROM tickets WHERE id = ?`),
    openFor: db.prepare<[string], TicketRow>(
      `SELECT ${COLUMNS} FROM tickets WHERE conversation_id = ? AND status IN ('queued', 'active')
       ${NEWEST_FIRST} LIMIT 1`,
    ),
    all: db.prepare<[], TicketRow>(`SELECT ${COLUMNS} FROM tickets ${NEWEST_FIRST}`),
    // One statement for any set of statuses: the set comes in as a JSON array.
    byStatus: db.prepare<[string], TicketRow>(
      `SELECT ${COLUMNS} FROM tickets WHERE status IN (SELECT value FROM json_each(?)) ${NEWEST_FIRST}`,
    ),
    update: db.prepare<[TicketRow]>(
      `UPDATE tickets SET channel = @channel, status = @status, created_at = @created_at,
         taken_at = @taken_at, closed_at = @closed_at, agent = @agent, summary = @summary,
         urgent = @urgent, rating = @rating, wait_notice_at = @wait_notice_at, desk_refs = @desk_refs
       WHERE id = @id`,
    ),
  };
}

export class SqliteTicketStore implements TicketStore {
  readonly #db: Database.Database;
  readonly #statements: ReturnType<typeof prepare>;
  readonly #update: (id: string, patch: TicketPatch) => Ticket | null;

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = prepare(db);
    // Read, merge and write in one transaction: a concurrent patch of other fields is never lost.
    this.#update = db.transaction((id: string, patch: TicketPatch) => {
      const row = this.#statements.get.get(id);
      if (row === undefined) return null;
      const next = applyPatch(fromRow(row), patch);
      this.#statements.update.run(toRow(next));
      return next;
    });
  }

  /** Uses the store's open connection; the tickets table comes with its migrations. */
  static open(store: SqliteStore): SqliteTicketStore {
    return new SqliteTicketStore(store.database);
  }

  #use(operation: string): ReturnType<typeof prepare> {
    if (!this.#db.open) throw new StoreClosedError(`tickets.${operation}`);
    return this.#statements;
  }

  async create(ticket: Ticket): Promise<void> {
    const statements = this.#use('create');
    if (statements.get.get(ticket.id) !== undefined) throw new TicketExistsError(ticket.id);
    statements.insert.run(toRow(ticket));
  }

  async get(id: string): Promise<Ticket | null> {
    const row = this.#use('get').get.get(id);
    return row === undefined ? null : fromRow(row);
  }

  async openFor(conversationId: string): Promise<Ticket | null> {
    const row = this.#use('openFor').openFor.get(conversationId);
    return row === undefined ? null : fromRow(row);
  }

  async list(statuses?: TicketStatus[]): Promise<Ticket[]> {
    const statements = this.#use('list');
    const rows =
      statuses && statuses.length > 0
        ? statements.byStatus.all(JSON.stringify(statuses))
        : statements.all.all();
    return rows.map(fromRow);
  }

  async update(id: string, patch: TicketPatch): Promise<Ticket | null> {
    this.#use('update');
    return this.#update(id, patch);
  }
}
