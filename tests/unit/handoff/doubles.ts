/**
 * Doubles for the HandoffService tests: an engine that keeps only the handoff phase of each
 * conversation (with the phase rules of the real machine), desks and channels that record.
 */
import type { Channel } from '../../../src/channels/channel.ts';
import type { BusinessHours } from '../../../src/config.ts';
import { KeyedQueue } from '../../../src/core/keyedQueue.ts';
import type {
  AgentAction,
  AgentActionResult,
  ConversationStore,
  EngineNotice,
  HandoffEngine,
  HandoffPhase,
  Reply,
} from '../../../src/core/ports.ts';
import type { HandoffSummary } from '../../../src/core/summary.ts';
import { createHandoffService, type HandoffServiceOptions } from '../../../src/handoff/handoffService.ts';
import type { AgentDesk, Ticket } from '../../../src/handoff/ticket.ts';
import { MemoryTicketStore } from '../../../src/handoff/ticketStore.ts';
import { MemoryStore } from '../../../src/store/memoryStore.ts';

const say = (text: string): Reply => ({ text, options: [] });

// Which phase takes which action, and where it leads (undefined: refused).
const RULES: Record<AgentAction['type'], Partial<Record<HandoffPhase, HandoffPhase | null>>> = {
  'agent.joined': { queued: 'active' },
  'agent.message': { active: 'active' },
  'agent.closed': { active: null },
  'agent.returned': { active: null },
  'handoff.timeout': { queued: 'queued' },
};

export interface EngineDouble extends HandoffEngine {
  phases: Map<string, HandoffPhase>;
  actions: Array<{ conversationId: string; action: AgentAction }>;
  /** Holds every agent action until the returned function is called. */
  hold(): () => void;
  /** A user turn that ends in a notice, told to the service inside the conversation's queue, as the real engine does. */
  userTurn(conversationId: string, notice: EngineNotice): Promise<void>;
  onNotice: (notice: EngineNotice) => Promise<void> | void;
}

export function createEngineDouble(store: ConversationStore): EngineDouble {
  const queue = new KeyedQueue();
  let held: Promise<void> = Promise.resolve();

  function reply(action: AgentAction): Reply[] {
    switch (action.type) {
      case 'agent.joined':
        return [say(`担当者の${action.agent}です。`)];
      case 'agent.message':
        return [say(action.text)];
      case 'agent.closed':
        return [say('終了しました。'), say('評価をお願いします。')];
      case 'agent.returned':
        return [say(`自動案内に戻ります(${action.to ?? 'intake'})。`)];
      case 'handoff.timeout':
        return [say(action.reason === 'no_agent' ? 'お待たせしています。' : '対応時間外です。')];
    }
  }

  const engine: EngineDouble = {
    phases: new Map(),
    actions: [],
    onNotice: () => {},
    hold() {
      let release = () => {};
      held = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    handle() {
      throw new Error('not used by the handoff service');
    },
    history: (conversationId, limit) => store.history(conversationId, limit),
    agent(conversationId, action) {
      return queue.run(conversationId, async (): Promise<AgentActionResult> => {
        await held;
        engine.actions.push({ conversationId, action });
        const phase = engine.phases.get(conversationId);
        const next = phase === undefined ? undefined : RULES[action.type][phase];
        if (next === undefined)
          return { conversationId, accepted: false, replies: [], phase: phase ?? null, outcome: 'open' };
        if (next === null) engine.phases.delete(conversationId);
        else engine.phases.set(conversationId, next);
        const replies = reply(action);
        const at = Date.now();
        await store.appendMessages(
          replies.map((r) => ({
            conversationId,
            role: action.type === 'agent.message' ? 'agent' : 'bot',
            ...r,
            at,
          })),
        );
        return { conversationId, accepted: true, replies, phase: next, outcome: next ? 'handoff' : 'open' };
      });
    },
    userTurn(conversationId, notice) {
      return queue.run(conversationId, async () => {
        if (notice.type === 'handoff.requested') engine.phases.set(conversationId, 'queued');
        if (notice.type === 'handoff.cancelled') engine.phases.delete(conversationId);
        await engine.onNotice(notice);
      });
    },
  };
  return engine;
}

export type DeskEvent = [kind: 'opened' | 'changed' | 'message', ticketId: string, detail: string];

export class RecordingDesk implements AgentDesk {
  readonly events: DeskEvent[] = [];
  failing = false;
  constructor(readonly name: string) {}
  async ticketOpened(ticket: Ticket) {
    this.#record(['opened', ticket.id, ticket.status]);
  }
  async ticketChanged(ticket: Ticket) {
    this.#record(['changed', ticket.id, `${ticket.status} ${ticket.agent ?? '-'} ${ticket.rating ?? '-'}`]);
  }
  async userMessage(ticket: Ticket, text: string) {
    this.#record(['message', ticket.id, text]);
  }
  #record(event: DeskEvent) {
    if (this.failing) throw new Error(`${this.name} is down`);
    this.events.push(event);
  }
}

export class RecordingChannel implements Channel {
  readonly delivered: Array<{ conversationId: string; texts: string[] }> = [];
  /** The replies of each delivery as given, options included. */
  readonly replies: Reply[][] = [];
  failing = false;
  constructor(readonly name: string) {}
  mount() {}
  async deliver(conversationId: string, replies: Reply[]) {
    if (this.failing) throw new Error(`${this.name} is down`);
    this.delivered.push({ conversationId, texts: replies.map((r) => r.text) });
    this.replies.push(structuredClone(replies));
  }
  async stop() {}
}

export function recordingLogger() {
  const lines: string[] = [];
  return {
    lines,
    warn: (message: string) => lines.push(`warn ${message}`),
    error: (message: string) => lines.push(`error ${message}`),
  };
}

export function summary(extra: Partial<HandoffSummary> = {}): HandoffSummary {
  return {
    branch: 'giftcard',
    complaint: 'ギフト券が登録できません',
    checks: [{ asks: 'expired', question: '有効期限切れ', answer: 'いいえ' }],
    suspectedCause: 'fraud_frozen',
    urgent: false,
    ...extra,
  };
}

export function hours(open: string, close: string): BusinessHours {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  return { open, close, openMinute: minutes(open), closeMinute: minutes(close), timeZone: 'Asia/Tokyo' };
}

/** A service on doubles; the clock starts at noon in Japan (03:00 UTC) and moves with `clock.set`. */
export function setup(overrides: Partial<HandoffServiceOptions> = {}) {
  const store = new MemoryStore();
  const engine = createEngineDouble(store);
  const tickets = new MemoryTicketStore();
  const channels = {
    web: new RecordingChannel('web'),
    line: new RecordingChannel('line'),
    slack: new RecordingChannel('slack'),
  };
  const desks = [new RecordingDesk('console'), new RecordingDesk('slack')];
  const logger = recordingLogger();
  let current = new Date('2026-12-01T03:00:00Z');
  let ids = 0;
  const clock = {
    set: (iso: string) => {
      current = new Date(iso);
    },
    advance: (seconds: number) => {
      current = new Date(current.getTime() + seconds * 1000);
    },
  };
  const service = createHandoffService({
    engine,
    tickets,
    store,
    channels: Object.values(channels),
    queueTimeoutSeconds: 300,
    businessHours: hours('09:00', '18:00'),
    now: () => current,
    newId: () => `T${++ids}`,
    logger,
    ...overrides,
  });
  for (const desk of desks) service.addDesk(desk);
  engine.onNotice = (notice) => service.onNotice(notice);

  /** A conversation that asked for a person and has its ticket. */
  async function requested(conversationId: string, extra: Partial<HandoffSummary> = {}): Promise<Ticket> {
    await engine.userTurn(conversationId, {
      type: 'handoff.requested',
      conversationId,
      summary: summary(extra),
    });
    await service.idle();
    const ticket = await tickets.openFor(conversationId);
    if (!ticket) throw new Error(`no ticket for ${conversationId}`);
    return ticket;
  }

  return { service, engine, tickets, store, channels, desks, logger, clock, requested };
}
