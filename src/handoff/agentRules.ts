/**
 * Which agent may do what to a ticket, before the engine is asked: the ticket's own rules (who
 * holds it, whether it is still open). The engine then judges the conversation's phase.
 */
import type { Ticket } from './ticket.ts';

/** Why an agent's action was refused; nothing changed. */
export type HandoffRefusal =
  | 'unknown_ticket'
  /** Closed, returned to the bot or cancelled. */
  | 'not_open'
  | 'taken_by_other'
  /** Replying, closing and returning need the ticket taken first. */
  | 'not_taken'
  | 'empty_text'
  /** The conversation is not in a phase that takes this action (the engine said no). */
  | 'not_accepted';

export interface AgentReplyResult {
  ok: boolean;
  reason?: HandoffRefusal;
  ticket: Ticket | null;
}

export type Rule = (ticket: Ticket) => AgentReplyResult | null;

export const refuse = (reason: HandoffRefusal, ticket: Ticket | null): AgentReplyResult => ({
  ok: false,
  reason,
  ticket,
});

const isOpen = (t: Ticket) => t.status === 'queued' || t.status === 'active';

/** Replying, closing, returning: only on a taken ticket, only by the agent who holds it. */
export const byHolder =
  (agent: string): Rule =>
  (t) => {
    if (!isOpen(t)) return refuse('not_open', t);
    if (t.status === 'queued') return refuse('not_taken', t);
    return t.agent === agent ? null : refuse('taken_by_other', t);
  };

/** Taking: a queued ticket; a second take by its holder (a double click) is already done. */
export const takeRule =
  (agent: string): Rule =>
  (t) => {
    if (t.status === 'active')
      return t.agent === agent ? { ok: true, ticket: t } : refuse('taken_by_other', t);
    return t.status === 'queued' ? null : refuse('not_open', t);
  };
