/**
 * The console's JSON shapes, shared by the server routes and the browser script (type imports
 * only on the browser side, so nothing of the server is bundled into the page).
 */
import type { Asks, SettledBranch } from '../../core/domain.ts';
import { ASKS_LABELS } from '../../core/summary.ts';
import type { Ticket } from '../ticket.ts';

export const MAX_REPLY_LENGTH = 2000;
export const MAX_AGENT_NAME_LENGTH = 60;
/** The flow states an agent may hand the conversation back at, with the console's labels. */
export const RETURN_STATES = { intake: '最初から', next_check: '確認の続き' } as const;

export interface WireSummary {
  branch: SettledBranch;
  branchLabel: string;
  complaint: string | null;
  checks: { asks: Asks; question: string; answer: string }[];
  suspectedCause: Asks | null;
  suspectedCauseLabel: string;
  urgent: boolean;
}

/** A ticket as agents see it: the store's record without the desks' bookkeeping. */
export type WireTicket = Omit<Ticket, 'deskRefs' | 'summary'> & { summary: WireSummary };

export interface WireMessage {
  role: 'user' | 'bot' | 'agent';
  text: string;
  at: number;
}

export interface ListResponse {
  tickets: WireTicket[];
}
export interface DetailResponse {
  ticket: WireTicket;
  transcript: WireMessage[];
}
export interface ActionResponse {
  ok: boolean;
  reason?: string;
  ticket: WireTicket | null;
}
export interface ErrorResponse {
  error: string;
  message: string;
}

export type ConsoleEvent =
  | { type: 'ticketOpened'; ticket: WireTicket }
  | { type: 'ticketChanged'; ticket: WireTicket }
  | { type: 'userMessage'; ticketId: string; conversationId: string; text: string; at: number }
  /** An agent's reply sent from this console (masked), so that every open console shows it. */
  | {
      type: 'agentMessage';
      ticketId: string;
      conversationId: string;
      agent: string;
      text: string;
      at: number;
    };

const BRANCH_LABELS: Record<Exclude<SettledBranch, null>, string> = {
  giftcard: 'ギフト券番号の登録',
  account: 'アカウント残高',
};

export function toWireTicket(ticket: Ticket): WireTicket {
  const { summary } = ticket;
  return {
    id: ticket.id,
    conversationId: ticket.conversationId,
    channel: ticket.channel,
    status: ticket.status,
    createdAt: ticket.createdAt,
    takenAt: ticket.takenAt,
    closedAt: ticket.closedAt,
    agent: ticket.agent,
    urgent: ticket.urgent,
    rating: ticket.rating,
    waitNoticeAt: ticket.waitNoticeAt,
    summary: {
      branch: summary.branch,
      branchLabel: summary.branch ? BRANCH_LABELS[summary.branch] : '未確定',
      complaint: summary.complaint,
      checks: summary.checks.map((c) => ({ asks: c.asks, question: c.question, answer: c.answer })),
      suspectedCause: summary.suspectedCause,
      suspectedCauseLabel: summary.suspectedCause ? ASKS_LABELS[summary.suspectedCause] : '特定できず',
      urgent: summary.urgent,
    },
  };
}

/** The queue order: urgent tickets first, then the longest waiting. */
export function queueOrder(a: Pick<Ticket, 'urgent' | 'createdAt' | 'id'>, b: typeof a): number {
  if (a.urgent !== b.urgent) return a.urgent ? -1 : 1;
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
