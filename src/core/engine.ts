/**
 * The conversation engine: one call per user turn (or agent action), on any channel. It restores
 * the conversation's machine from the store, reads the text with the NLU, moves the machine,
 * masks what must not be kept, saves, and answers. Work on one conversation runs one at a time.
 */
import { type Actor, createActor, type InspectionEvent, type Snapshot } from 'xstate';
import { buildMachine, type StateMeta } from './buildMachine.ts';
import { cleanText } from './cleanText.ts';
import { MadoguchiError } from './errors.ts';
import type { FlowContext, FlowEmitted, FlowEvent } from './flowContext.ts';
import type { FlowDefinition } from './flowDefinition.ts';
import { KeyedQueue } from './keyedQueue.ts';
import type {
  AgentAction,
  AgentActionResult,
  ConversationStore,
  EngineInput,
  EngineNotice,
  HandoffEngine,
  Reply,
  StoredMessage,
  TurnResult,
  Understanding,
} from './ports.ts';
import { redact } from './redact.ts';
import { renderReplies } from './renderReplies.ts';
import { buildSummary } from './summary.ts';

export { cleanText, MAX_TEXT_LENGTH } from './cleanText.ts';
export const FLOW_CHANGED_NOTICE = 'ご案内の内容が新しくなったため、最初からご案内します。';

export class InvalidInputError extends MadoguchiError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export interface EngineOptions {
  flow: FlowDefinition;
  understanding: Understanding;
  store: ConversationStore;
  now?: () => Date;
  /** Told of handoff requests, relayed user messages, cancels and ratings, after the turn is saved. */
  onNotice?: (notice: EngineNotice) => Promise<void> | void;
  /** XState inspection of every turn's actor: the transition-coverage test listens here. */
  inspect?: (event: InspectionEvent) => void;
}

type Machine = ReturnType<typeof buildMachine>;
/** The few snapshot fields the engine reads (the machine's full type is too deep to spell out here). */
interface RestingState {
  status: string;
  value: unknown;
  context: FlowContext;
  getMeta(): Record<string, unknown>;
  can(event: FlowEvent): boolean;
}
type Signal = Exclude<FlowEmitted, { type: 'reply' }>;

/** yyyy-mm-dd in Japan, where the cards' dates are. */
function todayInJapan(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

function checkInput(input: EngineInput): void {
  const id = input?.conversationId;
  if (typeof id !== 'string' || id.length === 0 || id.length > 200)
    throw new InvalidInputError('conversationId must be a text of 1 to 200 characters');
  if (typeof input.text !== 'string' && typeof input.choice !== 'string')
    throw new InvalidInputError('give either text or choice, as a string');
}

/** A saved snapshot this flow can resume: active, resting in one of its states, with a context. */
function isRestorable(snapshot: unknown, flow: FlowDefinition): boolean {
  if (snapshot === null || typeof snapshot !== 'object') return false;
  const s = snapshot as { status?: unknown; value?: unknown; context?: unknown };
  const top =
    typeof s.value === 'string'
      ? s.value
      : s.value && typeof s.value === 'object'
        ? Object.keys(s.value)[0]
        : undefined;
  return s.status === 'active' && top !== undefined && top in flow.states && typeof s.context === 'object';
}

function metaOf(state: RestingState): StateMeta {
  return (Object.values(state.getMeta())[0] as StateMeta | undefined) ?? { kind: 'transient' };
}

function outcomeOf(meta: StateMeta): TurnResult['outcome'] {
  return meta.kind === 'end' ? meta.outcome : meta.kind === 'handoff' ? 'handoff' : 'open';
}

export function createEngine(opts: EngineOptions): HandoffEngine {
  const machine: Machine = buildMachine(opts.flow);
  const queue = new KeyedQueue();
  const now = opts.now ?? (() => new Date());

  async function restore(
    id: string,
  ): Promise<{ snapshot: Snapshot<unknown> | undefined; notice: string | null }> {
    const record = await opts.store.load(id);
    if (!record) return { snapshot: undefined, notice: null };
    if (record.flowVersion !== opts.flow.version || !isRestorable(record.snapshot, opts.flow))
      return { snapshot: undefined, notice: FLOW_CHANGED_NOTICE };
    return { snapshot: record.snapshot as Snapshot<unknown>, notice: null };
  }

  /** Runs one event on the machine restored from `snapshot`; null if the snapshot breaks it. */
  function play(snapshot: Snapshot<unknown> | undefined, event: FlowEvent | null, notice: string | null) {
    const said: string[] = notice ? [notice] : [];
    const signals: Signal[] = [];
    try {
      const inspect = opts.inspect;
      const actor: Actor<Machine> = snapshot
        ? createActor(machine, { snapshot: snapshot as never, inspect })
        : createActor(machine, { inspect });
      actor.on('*', (e) => {
        if (e.type === 'reply') said.push(e.text);
        else signals.push(e);
      });
      actor.subscribe({ error: () => {} }); // a failure shows as status 'error', handled below
      actor.start();
      const before = actor.getSnapshot() as unknown as RestingState;
      const accepted = event === null || before.can(event);
      if (event) actor.send(event);
      const after = actor.getSnapshot() as unknown as RestingState;
      const persisted = actor.getPersistedSnapshot();
      actor.stop();
      if (after.status !== 'active') return null;
      const moved = JSON.stringify(before.value) !== JSON.stringify(after.value);
      return { before, after, persisted, said, signals, accepted, moved };
    } catch {
      return null;
    }
  }
  type Played = NonNullable<ReturnType<typeof play>>;

  /** Saves the new state and the messages, then tells the handoff service what happened. */
  async function commit(
    id: string,
    at: Date,
    played: Played,
    messages: Omit<StoredMessage, 'conversationId' | 'at'>[],
  ) {
    await opts.store.save({
      id,
      flowVersion: opts.flow.version,
      snapshot: played.persisted,
      updatedAt: at.getTime(),
    });
    await opts.store.appendMessages(messages.map((m) => ({ ...m, conversationId: id, at: at.getTime() })));
    for (const signal of played.signals) {
      const summary = buildSummary(played.after.context);
      const notice: EngineNotice =
        signal.type === 'handoff.requested' || signal.type === 'handoff.user_message'
          ? { ...signal, conversationId: id, summary }
          : { ...signal, conversationId: id };
      await opts.onNotice?.(notice);
    }
  }

  const botMessages = (replies: Reply[]) =>
    replies.map((r) => ({ role: 'bot' as const, text: r.text, options: r.options }));

  async function turn(input: EngineInput): Promise<TurnResult> {
    const id = input.conversationId;
    const at = now();
    const restored = await restore(id);
    const event = toEvent(input, at);
    // A snapshot this machine cannot run (hand-edited, or left by a changed flow) starts afresh.
    const played =
      play(restored.snapshot, event, restored.notice) ??
      (play(undefined, event, FLOW_CHANGED_NOTICE) as Played);
    const meta = metaOf(played.after);
    const replies = renderReplies(meta, played.said, played.after.context, event !== null && !played.moved);
    const userText =
      event?.type === 'user.text' ? event.text : optionLabel(metaOf(played.before), input.choice ?? '');
    await commit(id, at, played, [
      ...(event ? [{ role: 'user' as const, text: userText }] : []),
      ...botMessages(replies),
    ]);
    return {
      conversationId: id,
      replies,
      asks: meta.kind === 'question' ? meta.asks : null,
      diagnosis: { branch: played.after.context.branch, cause: played.after.context.cause },
      outcome: outcomeOf(meta),
    };
  }

  async function agentTurn(id: string, action: AgentAction): Promise<AgentActionResult> {
    const at = now();
    const restored = await restore(id);
    const event: AgentAction =
      action.type === 'agent.message' ? { ...action, text: redact(cleanText(action.text)).text } : action;
    const played = restored.snapshot ? play(restored.snapshot, event, null) : null;
    if (!played?.accepted || (event.type === 'agent.message' && event.text === '')) {
      return { conversationId: id, accepted: false, replies: [], phase: null, outcome: 'open' };
    }
    const meta = metaOf(played.after);
    // Only what changed is said: a timeout notice alone, or the new state's question.
    const replies = renderReplies(meta, played.said, played.after.context, !played.moved, {
      quietRepeat: true,
    });
    const messages =
      event.type === 'agent.message'
        ? [{ role: 'agent' as const, text: `${event.agent}: ${event.text}` }]
        : botMessages(replies);
    await commit(id, at, played, messages);
    return {
      conversationId: id,
      accepted: true,
      replies,
      phase: meta.kind === 'handoff' ? meta.phase : null,
      outcome: outcomeOf(meta),
    };
  }

  function toEvent(input: EngineInput, at: Date): FlowEvent | null {
    const today = todayInJapan(at);
    if (input.choice !== undefined) return { type: 'user.choice', choice: input.choice, today };
    const text = cleanText(input.text);
    if (text === '') return null; // nothing said: the current question is asked again
    return { type: 'user.text', text: redact(text).text, reading: opts.understanding.read(text, at), today };
  }

  return {
    async handle(input) {
      checkInput(input);
      return queue.run(input.conversationId, () => turn(input));
    },
    async agent(conversationId, action) {
      if (typeof conversationId !== 'string' || conversationId === '')
        throw new InvalidInputError('conversationId must be a non-empty text');
      return queue.run(conversationId, () => agentTurn(conversationId, action));
    },
    history: (conversationId, limit) => opts.store.history(conversationId, limit),
  };
}

function optionLabel(meta: StateMeta, choice: string): string {
  return (
    ((meta.kind === 'question' || meta.kind === 'handoff') &&
      meta.options.find((o) => o.id === choice)?.label) ||
    choice
  );
}
