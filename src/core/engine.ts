/**
 * The conversation engine: one call per user turn, on any channel. It restores the conversation's
 * machine from the store, reads the text with the NLU, moves the machine, masks what must not be
 * kept, saves, and answers. Turns of one conversation run one after another.
 */
import { type Actor, createActor, type InspectionEvent, type Snapshot } from 'xstate';
import { buildMachine, type StateMeta } from './buildMachine.ts';
import { MadoguchiError } from './errors.ts';
import type { FlowContext, FlowEvent } from './flowContext.ts';
import type { FlowDefinition } from './flowDefinition.ts';
import { KeyedQueue } from './keyedQueue.ts';
import type {
  ConversationStore,
  Engine,
  EngineInput,
  StoredMessage,
  TurnResult,
  Understanding,
} from './ports.ts';
import { redact } from './redact.ts';
import { renderReplies } from './renderReplies.ts';
import { buildSummary, type HandoffSummary } from './summary.ts';

export const MAX_TEXT_LENGTH = 2000;
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
  /** Called once a handoff is requested, after the turn is saved. */
  onHandoff?: (conversationId: string, summary: HandoffSummary) => Promise<void> | void;
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
}

/** yyyy-mm-dd in Japan, where the cards' dates are. */
function todayInJapan(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

function checkInput(input: EngineInput): void {
  if (
    typeof input?.conversationId !== 'string' ||
    input.conversationId.length === 0 ||
    input.conversationId.length > 200
  )
    throw new InvalidInputError('conversationId must be a text of 1 to 200 characters');
  if (typeof input.text !== 'string' && typeof input.choice !== 'string')
    throw new InvalidInputError('give either text or choice, as a string');
}

// Control characters except tab and newline, and format characters (zero-width spaces, BOM, bidi marks).
const UNWANTED_CHARACTERS = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;

/** Drops control and zero-width characters and cuts at MAX_TEXT_LENGTH. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED_CHARACTERS, '').slice(0, MAX_TEXT_LENGTH).trim();
}

export function createEngine(opts: EngineOptions): Engine {
  const machine: Machine = buildMachine(opts.flow);
  const queue = new KeyedQueue();
  const now = opts.now ?? (() => new Date());

  async function restore(
    id: string,
  ): Promise<{ snapshot: Snapshot<unknown> | undefined; notice: string | null }> {
    const record = await opts.store.load(id);
    if (!record) return { snapshot: undefined, notice: null };
    if (record.flowVersion !== opts.flow.version) return { snapshot: undefined, notice: FLOW_CHANGED_NOTICE };
    if (!isRestorable(record.snapshot, opts.flow))
      return { snapshot: undefined, notice: FLOW_CHANGED_NOTICE };
    return { snapshot: record.snapshot as Snapshot<unknown>, notice: null };
  }

  /** Runs one event on the machine restored from `snapshot`; null if the snapshot breaks it. */
  function play(snapshot: Snapshot<unknown> | undefined, event: FlowEvent | null, notice: string | null) {
    const said: string[] = notice ? [notice] : [];
    let handoff = false;
    try {
      const inspect = opts.inspect;
      const actor: Actor<Machine> = snapshot
        ? createActor(machine, { snapshot: snapshot as never, inspect })
        : createActor(machine, { inspect });
      actor.on('reply', (e) => said.push(e.text));
      actor.on('handoff.requested', () => {
        handoff = true;
      });
      actor.subscribe({ error: () => {} }); // a failure shows as status 'error', handled below
      actor.start();
      const before = actor.getSnapshot() as unknown as RestingState;
      if (event) actor.send(event);
      const after = actor.getSnapshot() as unknown as RestingState;
      const persisted = actor.getPersistedSnapshot();
      actor.stop();
      if (after.status !== 'active') return null;
      return { before, after, persisted, said, handoff };
    } catch {
      return null;
    }
  }

  async function turn(input: EngineInput): Promise<TurnResult> {
    const id = input.conversationId;
    const at = now();
    const restored = await restore(id);
    const event = toEvent(input, at);
    // A snapshot this machine cannot run (hand-edited, or from a flow that changed) starts afresh.
    const played =
      play(restored.snapshot, event, restored.notice) ??
      (play(undefined, event, FLOW_CHANGED_NOTICE) as NonNullable<ReturnType<typeof play>>);
    const { before, after, said, handoff } = played;
    const userText =
      event?.type === 'user.text' ? event.text : optionLabel(metaOf(before.getMeta()), input.choice ?? '');
    const meta = metaOf(after.getMeta());
    const context = after.context;
    const repeat = event !== null && JSON.stringify(before.value) === JSON.stringify(after.value);
    const replies = renderReplies(meta, said, context, repeat);

    await opts.store.save({
      id,
      flowVersion: opts.flow.version,
      snapshot: played.persisted,
      updatedAt: at.getTime(),
    });
    const messages: StoredMessage[] = [
      ...(event ? [{ conversationId: id, role: 'user' as const, text: userText, at: at.getTime() }] : []),
      ...replies.map((r) => ({
        conversationId: id,
        role: 'bot' as const,
        text: r.text,
        options: r.options,
        at: at.getTime(),
      })),
    ];
    await opts.store.appendMessages(messages);
    if (handoff) await opts.onHandoff?.(id, buildSummary(context));

    return {
      conversationId: id,
      replies,
      asks: meta.kind === 'question' ? meta.asks : null,
      diagnosis: { branch: context.branch, cause: context.cause },
      outcome: meta.kind === 'end' ? meta.outcome : 'open',
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
    history: (conversationId, limit) => opts.store.history(conversationId, limit),
  };
}

/** A saved snapshot this flow can resume: active, resting in one of its states, with a context. */
function isRestorable(snapshot: unknown, flow: FlowDefinition): boolean {
  if (snapshot === null || typeof snapshot !== 'object') return false;
  const s = snapshot as { status?: unknown; value?: unknown; context?: unknown };
  return (
    s.status === 'active' &&
    typeof s.value === 'string' &&
    s.value in flow.states &&
    typeof s.context === 'object'
  );
}

function metaOf(metaById: object): StateMeta {
  const metas = Object.values(metaById) as StateMeta[];
  return metas[0] ?? { kind: 'transient' };
}

function optionLabel(meta: StateMeta, choice: string): string {
  return (meta.kind === 'question' && meta.options.find((o) => o.id === choice)?.label) || choice;
}
