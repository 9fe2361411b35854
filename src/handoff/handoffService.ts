/**
 * The centre of the human handoff: turns the engine's notices into tickets, the agents' actions
 * into engine actions, and carries what the user must hear to the user's own channel.
 */
import type { Channel } from '../channels/channel.ts';
import type { BusinessHours } from '../config.ts';
import { KeyedQueue } from '../core/keyedQueue.ts';
import type {
  AgentAction,
  ConversationStore,
  EngineNotice,
  HandoffEngine,
  Reply,
  StoredMessage,
} from '../core/ports.ts';
import { redact } from '../core/redact.ts';
import type { HandoffSummary } from '../core/summary.ts';
import { type AgentReplyResult, byHolder, type Rule, refuse, takeRule } from './agentRules.ts';
import { isWithinBusinessHours } from './businessHours.ts';
import type { AgentDesk, Ticket, TicketStatus, TicketStore } from './ticket.ts';
import { channelOf, randomTicketId } from './ticketId.ts';
import { TicketExistsError, type TicketPatch } from './ticketRecords.ts';

export type { AgentReplyResult, HandoffRefusal } from './agentRules.ts';

export interface HandoffService {
  /** Wire as EngineOptions.onNotice. Returns at once: the work runs on the service's own queue. */
  onNotice(notice: EngineNotice): Promise<void>;
  addDesk(desk: AgentDesk): void;
  /**
   * Where a desk keeps the ticket (the Slack thread ts), in ticket.deskRefs[desk]. Safe to await
   * inside a desk callback: it does not wait for the ticket's queue.
   */
  setDeskRef(ticketId: string, desk: string, ref: string): Promise<Ticket | null>;
  list(statuses?: TicketStatus[]): Promise<Ticket[]>;
  get(ticketId: string): Promise<Ticket | null>;
  /** The conversation's history, masked as stored. */
  transcript(ticketId: string): Promise<StoredMessage[]>;
  take(ticketId: string, agent: string): Promise<AgentReplyResult>;
  /** The text is redact()ed before the engine stores it; the user receives what the engine returns. */
  reply(ticketId: string, agent: string, text: string): Promise<AgentReplyResult>;
  close(ticketId: string, agent: string): Promise<AgentReplyResult>;
  returnToBot(ticketId: string, agent: string, to?: string): Promise<AgentReplyResult>;
  /** The clock: tells users waiting too long, or outside business hours, once per ticket. */
  checkWaiting(): Promise<void>;
  start(): void;
  /** Stops the clock and waits for every notice and action in flight. */
  stop(): Promise<void>;
  /** Resolves once every notice and action queued so far has finished. */
  idle(): Promise<void>;
}

export interface HandoffServiceOptions {
  engine: HandoffEngine;
  tickets: TicketStore;
  store: ConversationStore;
  /** deliver() is chosen by the conversation id's prefix; 'terminal' conversations have none. */
  channels: Channel[];
  queueTimeoutSeconds: number;
  businessHours: BusinessHours | null;
  now?: () => Date;
  newId?: () => string;
  logger?: Pick<Console, 'warn' | 'error'>;
  /** How often start()'s clock runs checkWaiting(); 5 s by default. */
  checkIntervalMs?: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createHandoffService(opts: HandoffServiceOptions): HandoffService {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? randomTicketId;
  const log = opts.logger ?? console;
  const { tickets, engine } = opts;
  const desks: AgentDesk[] = [];
  // Keyed by conversation: a ticket's notices, actions and clock never interleave.
  const queue = new KeyedQueue();
  // Desk refs are written from inside desk callbacks, which run on `queue`: they get their own.
  const refQueue = new KeyedQueue();
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;

  /** A desk that fails (Slack down) is logged; the ticket and the other desks go on. */
  async function tellDesks(what: string, call: (desk: AgentDesk) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(desks.map(call));
    results.forEach((r, i) => {
      if (r.status === 'rejected')
        log.error(`handoff: desk ${desks[i]?.name} failed on ${what}: ${describe(r.reason)}`);
    });
  }

  /** A failed delivery is logged, not retried: the replies are in the history the channel shows on reconnect. */
  async function deliver(conversationId: string, replies: Reply[]): Promise<void> {
    if (replies.length === 0) return;
    const name = channelOf(conversationId);
    const channel = opts.channels.find((c) => c.name === name);
    if (!channel) {
      if (name !== 'terminal') log.warn(`handoff: no ${name} channel to reach ${conversationId}`);
      return;
    }
    try {
      await channel.deliver(conversationId, replies);
    } catch (error) {
      log.error(`handoff: delivery to ${conversationId} failed: ${describe(error)}`);
    }
  }

  async function sendWaitNotice(ticket: Ticket, reason: 'no_agent' | 'outside_hours'): Promise<void> {
    const result = await engine.agent(ticket.conversationId, { type: 'handoff.timeout', reason });
    if (result.accepted) await deliver(ticket.conversationId, result.replies);
    // Marked even when refused: the clock would otherwise ask the engine again every few seconds.
    else log.warn(`handoff: ticket ${ticket.id} is queued but its conversation did not take ${reason}`);
    await tickets.update(ticket.id, { waitNoticeAt: now().getTime() });
  }

  async function openTicket(id: string, summary: HandoffSummary): Promise<Ticket> {
    const ticket = await createTicket(id, summary);
    await tellDesks('ticketOpened', (d) => d.ticketOpened(ticket));
    if (!isWithinBusinessHours(opts.businessHours, now())) await sendWaitNotice(ticket, 'outside_hours');
    return ticket;
  }

  async function createTicket(conversationId: string, summary: Ticket['summary']): Promise<Ticket> {
    for (let attempt = 1; ; attempt++) {
      const ticket: Ticket = {
        id: newId(),
        conversationId,
        channel: channelOf(conversationId),
        status: 'queued',
        createdAt: now().getTime(),
        takenAt: null,
        closedAt: null,
        agent: null,
        summary,
        urgent: summary.urgent,
        rating: null,
        waitNoticeAt: null,
        deskRefs: {},
      };
      try {
        await tickets.create(ticket);
        return ticket;
      } catch (error) {
        if (!(error instanceof TicketExistsError) || attempt >= 3) throw error;
      }
    }
  }

  async function changeOpenTicket(conversationId: string, patch: TicketPatch) {
    const open = await tickets.openFor(conversationId);
    if (!open) return;
    const changed = await tickets.update(open.id, patch);
    if (changed) await tellDesks('ticketChanged', (d) => d.ticketChanged(changed));
  }

  async function handleNotice(notice: EngineNotice): Promise<void> {
    const id = notice.conversationId;
    switch (notice.type) {
      case 'handoff.requested': {
        const existing = await tickets.openFor(id);
        if (existing) {
          log.warn(`handoff: ${id} asked again while ticket ${existing.id} is open; kept that one`);
          return;
        }
        await openTicket(id, notice.summary);
        return;
      }
      case 'handoff.user_message': {
        // No open ticket for a conversation held for a person: its request was lost (a crash between
        // the turn and the notice). Open it now rather than leave the user waiting for nobody.
        const open = (await tickets.openFor(id)) ?? (await openTicket(id, notice.summary));
        const text = redact(notice.text).text; // masked by the engine already; an agent never sees more
        return tellDesks('userMessage', (d) => d.userMessage(open, text));
      }
      case 'handoff.cancelled':
        return changeOpenTicket(id, { status: 'cancelled', closedAt: now().getTime() });
      case 'handoff.rated': {
        const { rating } = notice;
        if (!Number.isInteger(rating) || rating < 1 || rating > 5)
          return log.warn(`handoff: ignored rating ${rating} in ${id}: not 1 to 5`);
        const closed = (await tickets.list(['closed'])).find((t) => t.conversationId === id);
        if (!closed) return log.warn(`handoff: a rating in ${id} came with no closed ticket`);
        const rated = await tickets.update(closed.id, { rating });
        if (rated) await tellDesks('ticketChanged', (d) => d.ticketChanged(rated));
        return;
      }
    }
  }

  async function act(
    ticketId: string,
    action: AgentAction,
    rule: Rule,
    patch: (at: number) => TicketPatch | null,
  ): Promise<AgentReplyResult> {
    const found = await tickets.get(ticketId);
    if (!found) return refuse('unknown_ticket', null);
    return queue.run(found.conversationId, async () => {
      // Read again: another agent may have acted while this one waited in the queue.
      const ticket = await tickets.get(ticketId);
      if (!ticket) return refuse('unknown_ticket', null);
      const early = rule(ticket);
      if (early) return early;
      const result = await engine.agent(ticket.conversationId, action);
      if (!result.accepted) return refuse('not_accepted', ticket);
      const changes = patch(now().getTime());
      // The ticket follows the engine first; a slow or failing channel must not leave them apart.
      const updated = changes ? ((await tickets.update(ticket.id, changes)) ?? ticket) : ticket;
      await deliver(ticket.conversationId, result.replies);
      if (changes) await tellDesks('ticketChanged', (d) => d.ticketChanged(updated));
      return { ok: true, ticket: updated };
    });
  }

  async function checkWaiting(): Promise<void> {
    const at = now();
    const open = isWithinBusinessHours(opts.businessHours, at);
    const timeoutMs = opts.queueTimeoutSeconds * 1000;
    const due = (await tickets.list(['queued'])).filter(
      (t) => t.waitNoticeAt === null && (!open || at.getTime() - t.createdAt >= timeoutMs),
    );
    await Promise.all(
      due.map((t) =>
        queue
          .run(t.conversationId, async () => {
            const current = await tickets.get(t.id);
            if (current?.status !== 'queued' || current.waitNoticeAt !== null) return;
            await sendWaitNotice(current, open ? 'no_agent' : 'outside_hours');
          })
          .catch((error) => log.error(`handoff: wait notice for ticket ${t.id} failed: ${describe(error)}`)),
      ),
    );
  }

  return {
    async onNotice(notice) {
      // Not awaited by the engine: its turn must not wait for Slack, and the engine's queue must not
      // wait for this one, whose actions wait for the engine (a cycle).
      void queue
        .run(notice.conversationId, () => handleNotice(notice))
        .catch((error) =>
          log.error(`handoff: ${notice.type} for ${notice.conversationId} failed: ${describe(error)}`),
        );
    },

    addDesk(desk) {
      desks.push(desk);
    },

    setDeskRef(ticketId, desk, ref) {
      return refQueue.run(ticketId, async () => {
        const ticket = await tickets.get(ticketId);
        return ticket && tickets.update(ticketId, { deskRefs: { ...ticket.deskRefs, [desk]: ref } });
      });
    },

    list: (statuses) => tickets.list(statuses),
    get: (ticketId) => tickets.get(ticketId),

    async transcript(ticketId) {
      const ticket = await tickets.get(ticketId);
      return ticket ? opts.store.history(ticket.conversationId) : [];
    },

    take(ticketId, agent) {
      return act(ticketId, { type: 'agent.joined', agent }, takeRule(agent), (at) => ({
        status: 'active',
        takenAt: at,
        agent,
      }));
    },

    async reply(ticketId, agent, text) {
      const masked = redact(typeof text === 'string' ? text : '').text.trim();
      return act(
        ticketId,
        { type: 'agent.message', agent, text: masked },
        (t) => byHolder(agent)(t) ?? (masked === '' ? refuse('empty_text', t) : null),
        () => null,
      );
    },

    close(ticketId, agent) {
      return act(ticketId, { type: 'agent.closed', agent }, byHolder(agent), (at) => ({
        status: 'closed',
        closedAt: at,
      }));
    },

    returnToBot(ticketId, agent, to) {
      const action: AgentAction =
        to === undefined ? { type: 'agent.returned', agent } : { type: 'agent.returned', agent, to };
      return act(ticketId, action, byHolder(agent), (at) => ({ status: 'returned', closedAt: at }));
    },

    checkWaiting,

    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (checking) return;
        checking = checkWaiting()
          .catch((error) => log.error(`handoff: the waiting check failed: ${describe(error)}`))
          .finally(() => {
            checking = null;
          });
      }, opts.checkIntervalMs ?? 5000);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await checking;
      await queue.idle();
      await refQueue.idle();
    },

    idle: () => queue.idle(),
  };
}
