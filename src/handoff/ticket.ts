/** A request for a person, from the bot's handoff to the agent's close. */
import type { HandoffSummary } from '../core/summary.ts';

export type TicketStatus = 'queued' | 'active' | 'closed' | 'returned' | 'cancelled';

export interface Ticket {
  id: string;
  conversationId: string;
  /** The user's channel: the conversation id's prefix ('web', 'slack', 'line', 'terminal'). */
  channel: string;
  status: TicketStatus;
  createdAt: number;
  takenAt: number | null;
  closedAt: number | null;
  /** Who took it (agent display name), once taken. */
  agent: string | null;
  summary: HandoffSummary;
  /** A takeover is urgent. */
  urgent: boolean;
  /** 1 to 5, from the question asked after the agent closed the ticket. */
  rating: number | null;
  /** When the user was told that nobody could take it in time (or that it is outside hours). */
  waitNoticeAt: number | null;
  /** Where the ticket lives on an agents' desk, e.g. the Slack thread ts. Keyed by desk name. */
  deskRefs: Record<string, string>;
}

export interface TicketStore {
  create(ticket: Ticket): Promise<void>;
  get(id: string): Promise<Ticket | null>;
  /** The newest ticket of the conversation that is queued or active. */
  openFor(conversationId: string): Promise<Ticket | null>;
  /** Newest first; only the given statuses if any. */
  list(statuses?: TicketStatus[]): Promise<Ticket[]>;
  update(id: string, patch: Partial<Omit<Ticket, 'id' | 'conversationId'>>): Promise<Ticket | null>;
}

/** An agents' workplace (the web console, a Slack channel): told about tickets as they change. */
export interface AgentDesk {
  readonly name: string;
  ticketOpened(ticket: Ticket): Promise<void>;
  ticketChanged(ticket: Ticket): Promise<void>;
  /** A user's (masked) message on an open ticket. */
  userMessage(ticket: Ticket, text: string): Promise<void>;
}
