/**
 * What both ticket stores share, so that they behave alike: a caller never holds a reference into
 * the stored state, and a patch changes only the fields it names.
 */
import { MadoguchiError } from '../core/errors.ts';
import type { Ticket, TicketStatus } from './ticket.ts';

export type TicketPatch = Partial<Omit<Ticket, 'id' | 'conversationId'>>;

export const OPEN_STATUSES: readonly TicketStatus[] = ['queued', 'active'];

export class TicketExistsError extends MadoguchiError {
  constructor(readonly ticketId: string) {
    super(
      'TICKET_EXISTS',
      `A ticket with id ${JSON.stringify(ticketId)} already exists; create it with a fresh id ` +
        '(the handoff service draws another one).',
    );
  }
}

export function copyTicket(ticket: Ticket): Ticket {
  return structuredClone(ticket);
}

/** The ticket with the patch's defined fields applied; id and conversation never change. */
export function applyPatch(ticket: Ticket, patch: TicketPatch): Ticket {
  const next: Ticket = copyTicket(ticket);
  for (const [key, value] of Object.entries(structuredClone(patch))) {
    if (value === undefined || key === 'id' || key === 'conversationId') continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
