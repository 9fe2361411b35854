/**
 * The interfaces the core depends on. Implementations live outside src/core
 * (src/nlu, src/store) and are wired together in src/main.ts.
 */
import type { ANSWER_KINDS, Asks, Branch, CardType, CauseId, Outcome, SettledBranch } from './domain.ts';
import type { HandoffSummary } from './summary.ts';

// ---------------------------------------------------------------- understanding (NLU)

/** The complaint reading, exactly the object `npm run classify` prints. */
export interface ComplaintReading {
  text: string;
  branch: Branch;
  cause: CauseId | null;
  confidence: number;
  evidence: string[];
}

export type AnswerKind = (typeof ANSWER_KINDS)[number];

export interface AnswerReading {
  answer: AnswerKind;
  /** "担当者と話したい", "人間に代わって" ... anywhere in the text. */
  wantsHuman: boolean;
  /** "最初から", "やり直し" ... */
  restart: boolean;
  evidence: string[];
}

/** An inclusive range of calendar days, ISO yyyy-mm-dd. A precise date has from === to. */
export interface DateRange {
  from: string;
  to: string;
}

export interface CodeFinding {
  /** Offsets in the text as given (UTF-16 code units), end exclusive. */
  start: number;
  end: number;
  /** Letters and digits only, upper-cased, half-width. Never store or log it. */
  normalized: string;
  /** Confusable characters present, named as pairs such as "O/0", "I/1". */
  confusables: string[];
  /** Written with full-width characters. */
  fullWidth: boolean;
  /** 14 to 16 letters and digits (the valid lengths). */
  plausibleLength: boolean;
}

/** Everything the NLU reads from one user text; computed once per turn. */
export interface Reading {
  complaint: ComplaintReading;
  answer: AnswerReading;
  /** Signs of an account takeover (乗っ取り, 身に覚えのない注文, パスワードが変わって ...). */
  takeover: boolean;
  /** Clearly about something else than gift cards or the account balance (greetings excluded). */
  offTopic: boolean;
  /** A greeting and nothing more ("こんにちは"). */
  greetingOnly: boolean;
  /** An issue or purchase date found in the text, relative to `today`. */
  date: DateRange | null;
  cardType: CardType | null;
  codes: CodeFinding[];
}

export interface Understanding {
  /** Pure and synchronous once constructed; never throws, whatever the text. */
  read(text: string, today: Date): Reading;
}

// ---------------------------------------------------------------- storage

export interface ConversationRecord {
  id: string;
  /** Version (content hash) of the flows that produced the snapshot. */
  flowVersion: string;
  /** XState persisted snapshot, JSON-serialisable. */
  snapshot: unknown;
  updatedAt: number;
}

export type MessageRole = 'user' | 'bot' | 'agent' | 'system';

export interface StoredMessage {
  conversationId: string;
  role: MessageRole;
  /** Already masked: nothing unmasked ever reaches a store. */
  text: string;
  options?: ReplyOption[];
  at: number;
}

export interface ConversationStore {
  load(conversationId: string): Promise<ConversationRecord | null>;
  save(record: ConversationRecord): Promise<void>;
  appendMessages(messages: StoredMessage[]): Promise<void>;
  /** Oldest first; at most `limit` of the newest. */
  history(conversationId: string, limit?: number): Promise<StoredMessage[]>;
  close(): Promise<void>;
}

// ---------------------------------------------------------------- engine

export interface ReplyOption {
  id: string;
  label: string;
}

export interface Reply {
  text: string;
  options: ReplyOption[];
}

export type EngineInput =
  | { conversationId: string; text: string; choice?: undefined }
  | { conversationId: string; choice: string; text?: undefined };

export interface TurnResult {
  conversationId: string;
  replies: Reply[];
  asks: Asks | null;
  diagnosis: { branch: SettledBranch; cause: CauseId | null };
  outcome: Outcome;
}

export interface Engine {
  /** One user turn. Turns of one conversation run strictly one after another. */
  handle(input: EngineInput): Promise<TurnResult>;
  history(conversationId: string, limit?: number): Promise<StoredMessage[]>;
}

// ---------------------------------------------------------------- handoff

/** What a human agent, or the handoff clock, does to a conversation held for a person. */
export type AgentAction =
  | { type: 'agent.joined'; agent: string }
  | { type: 'agent.message'; agent: string; text: string }
  | { type: 'agent.closed'; agent: string }
  /** Back to the bot, at `to` (a state the flow allows) or at the flow's default return state. */
  | { type: 'agent.returned'; agent: string; to?: string }
  | { type: 'handoff.timeout'; reason: 'no_agent' | 'outside_hours' };

export type HandoffPhase = 'queued' | 'active';

export interface AgentActionResult {
  conversationId: string;
  /** False when the conversation is not in a phase that takes this action: nothing changed. */
  accepted: boolean;
  /** What the user must now be told, on the user's own channel (Channel.deliver). */
  replies: Reply[];
  phase: HandoffPhase | null;
  outcome: Outcome;
}

/** What the engine tells the handoff service, after the turn that caused it is saved. */
export type EngineNotice =
  | { type: 'handoff.requested'; conversationId: string; summary: HandoffSummary }
  /**
   * A user message while a person holds (or is about to hold) the conversation; masked. It carries
   * the summary too, so a ticket lost to a crash between the turn and its notice can be opened again.
   */
  | { type: 'handoff.user_message'; conversationId: string; text: string; summary: HandoffSummary }
  | { type: 'handoff.cancelled'; conversationId: string }
  | { type: 'handoff.rated'; conversationId: string; rating: number };

export interface HandoffEngine extends Engine {
  /** One agent action, serialised with the conversation's user turns. */
  agent(conversationId: string, action: AgentAction): Promise<AgentActionResult>;
}
