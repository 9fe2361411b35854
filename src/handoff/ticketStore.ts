/** A TicketStore in memory: for tests and for DATA_DIR=memory. */
import type { Ticket, TicketStatus, TicketStore } from './ticket.ts';
import {
  applyPatch,
  copyTicket,
  OPEN_STATUSES,
  TicketExistsError,
  type TicketPatch,
} from './ticketRecords.ts';

export class MemoryTicketStore implements TicketStore {
  // Insertion order breaks ties between tickets created in the same millisecond, as rowid does in SQLite.
  readonly #tickets = new Map<string, Ticket>();

  async create(ticket: Ticket): Promise<void> {
    if (this.#tickets.has(ticket.id)) throw new TicketExistsError(ticket.id);
    this.#tickets.set(ticket.id, copyTicket(ticket));
  }

  async get(id: string): Promise<Ticket | null> {
    const ticket = this.#tickets.get(id);
    return ticket ? copyTicket(ticket) : null;
  }

  async openFor(conversationId: string): Promise<Ticket | null> {
    const open = this.#newestFirst().find(
      (t) => t.conversationId === conversationId && OPEN_STATUSES.includes(t.status),
    );
    return open ? copyTicket(open) : null;
  }

  async list(statuses?: TicketStatus[]): Promise<Ticket[]> {
    const wanted = statuses && statuses.length > 0 ? new Set(statuses) : null;
    return this.#newestFirst()
      .filter((t) => wanted === null || wanted.has(t.status))
      .map(copyTicket);
  }

  async update(id: string, patch: TicketPatch): Promise<Ticket | null> {
    const ticket = this.#tickets.get(id);
    if (!ticket) return null;
    const next = applyPatch(ticket, patch);
    this.#tickets.set(id, next);
    return copyTicket(next);
  }

  #newestFirst(): Ticket[] {
    return [...this.#tickets.values()].reverse().sort((a, b) => b.createdAt - a.createdAt);
  }
}
