/** The flow files' shape after parsing (see docs/flows.md). */
import type { Asks, CauseId, Outcome } from './domain.ts';

export interface FlowFile {
  /** Path relative to the repository, used in error messages. */
  name: string;
  text: string;
}

/** Where a definition came from, for error messages: file and YAML path. */
export interface Origin {
  file: string;
  path: string;
}

/** A named action with an optional single parameter: `note_complaint` or `{ set_branch: giftcard }`. */
export interface ActionRef {
  name: string;
  param?: string;
  origin: Origin;
}

export interface TransitionDef {
  /** Guard names; any of them matching takes the transition. Empty: always. */
  when: string[];
  next: string;
  do: ActionRef[];
  say: string[];
  origin: Origin;
}

export interface OptionDef extends TransitionDef {
  id: string;
  label: string;
}

interface StateBase {
  name: string;
  say: string[];
  /** Entry actions. */
  do: ActionRef[];
  /** A diagnosis state names the cause it confirms. */
  cause?: CauseId;
  origin: Origin;
}

export interface QuestionState extends StateBase {
  type: 'question';
  asks: Asks;
  text: string;
  options: OptionDef[];
  freeText: TransitionDef[];
  skipGlobal: string[];
}

export interface SayState extends StateBase {
  type: 'say';
  next: string;
}

export interface PickState extends StateBase {
  type: 'pick';
  /** Check states in order, per branch. */
  checks: { giftcard: string[]; account: string[] };
  otherwise: string;
}

export interface DecideState extends StateBase {
  type: 'decide';
  routes: TransitionDef[];
}

export interface EndState extends StateBase {
  type: 'end';
  outcome: Exclude<Outcome, 'open'>;
  /** The question state whose handling a new message gets (usually the intake). */
  restartAt: string;
}

/** A person holds the conversation: queued until an agent joins, then active until closed or returned. */
export interface HandoffState extends StateBase {
  type: 'handoff';
  /** Said to the user who writes while waiting, with the cancel button. */
  waiting: string;
  cancelLabel: string;
  joined: string;
  timeout: string;
  outsideHours: string;
  closed: string;
  returned: string;
  closedNext: string;
  cancelNext: string;
  /** States an agent may return the conversation to; the first is the default. */
  returnTo: string[];
}

export type StateDef = QuestionState | SayState | PickState | DecideState | EndState | HandoffState;

export interface FlowDefinition {
  start: string;
  global: TransitionDef[];
  states: Record<string, StateDef>;
  /** Content hash of the flow files: a saved conversation made by another version restarts. */
  version: string;
}

export interface FlowError {
  file: string;
  path: string;
  reason: string;
}

export function formatFlowError(e: FlowError): string {
  return `${e.file}: ${e.path}: ${e.reason}`;
}
