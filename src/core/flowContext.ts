/** What the conversation machine remembers, and the events it takes. Everything here is masked. */
import type { Asks, CardType, CauseId, SettledBranch } from './domain.ts';
import type { ExpiryVerdict } from './expiry.ts';
import type { AgentAction, DateRange, Reading } from './ports.ts';

export interface AnswerRecord {
  /** The question state and what it asked. */
  state: string;
  asks: Asks;
  /** The option chosen (its label), or the user's own (masked) words when none matched. */
  answer: string;
  /** The option id, when one was chosen. */
  option: string | null;
}

export interface FlowContext {
  branch: SettledBranch;
  /** The cause the user's first words point to. */
  suspected: CauseId | null;
  /** The cause of the last diagnosis given. */
  cause: CauseId | null;
  urgent: boolean;
  /** The first complaint, masked. */
  complaint: string | null;
  evidence: string[];
  answers: AnswerRecord[];
  checked: CauseId[];
  issue: DateRange | null;
  cardType: CardType | null;
  expiry: DateRange | null;
  expiryVerdict: ExpiryVerdict;
  /** Confusable characters seen in a code the user typed ("O/0"); the code itself is never kept. */
  confusables: string[];
  /** A code was typed in full-width or with a wrong length. */
  codeIssue: boolean;
  /** The agent holding the conversation, by display name. */
  agent: string | null;
}

export function initialContext(): FlowContext {
  return {
    branch: null,
    suspected: null,
    cause: null,
    urgent: false,
    complaint: null,
    evidence: [],
    answers: [],
    checked: [],
    issue: null,
    cardType: null,
    expiry: null,
    expiryVerdict: 'unknown',
    confusables: [],
    codeIssue: false,
    agent: null,
  };
}

/** `text` is already masked; `today` is yyyy-mm-dd in the service's time zone. */
export type FlowEvent =
  | { type: 'user.text'; text: string; reading: Reading; today: string }
  | { type: 'user.choice'; choice: string; today: string }
  | AgentAction;

export type FlowEmitted =
  | { type: 'reply'; text: string }
  | { type: 'handoff.requested' }
  | { type: 'handoff.user_message'; text: string }
  | { type: 'handoff.cancelled' }
  | { type: 'handoff.rated'; rating: number };
