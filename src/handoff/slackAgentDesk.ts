/**
 * The agents' desk on Slack: each ticket is one message in the agents' channel (HANDOFF_SLACK_CHANNEL),
 * kept up to date, with the user's words in its thread; the agents' clicks and thread replies go
 * to the handoff service. The Slack adapter (src/channels/slack.ts) hears the events and hands
 * them over through `routes`; this file decides what they mean.
 */
import { type types as slackTypes, webApi } from '@slack/bolt';
import type { SlackAgentAction, SlackAgentRoutes, SlackAgentThreadReply } from '../channels/slack.ts';
import { KeyedQueue } from '../core/keyedQueue.ts';
import type { HandoffService } from './handoffService.ts';
import {
  changeNote,
  type HandoffButton,
  parseHandoffAction,
  parseTicketBlockId,
  refusalText,
  ticketMessage,
  userMessageBlocks,
} from './slackAgentBlocks.ts';
import type { AgentDesk, Ticket } from './ticket.ts';

export const SLACK_DESK_NAME = 'slack';
const REMEMBERED = 10_000;
// How far back the channel is searched for a ticket's message this process did not post.
const HISTORY_PAGES = 5;

/** The part of the HandoffService the Slack desk uses. */
export type SlackDeskService = Pick<HandoffService, 'list' | 'take' | 'reply' | 'close' | 'returnToBot'> & {
  /** Keeps the thread's ts in ticket.deskRefs, so a restart does not post a ticket twice. Optional. */
  setDeskRef?(ticketId: string, desk: string, ref: string): Promise<unknown>;
};

export interface SlackAgentDeskOptions {
  service: SlackDeskService;
  /** xoxb-… bot token: the same app as the user-facing Slack channel. */
  botToken: string;
  /** HANDOFF_SLACK_CHANNEL. */
  channelId: string;
  /** Web API base URL (default https://slack.com/api/); a proxy or a local fake. */
  apiUrl?: string | null;
  /** Web API retries; tests pass `{ retries: 0 }`. */
  retryConfig?: webApi.RetryOptions;
  logger?: Pick<Console, 'warn' | 'error'>;
}

export interface SlackAgentDesk extends AgentDesk {
  /** Pass as `agentDesk` to createSlackChannel. */
  readonly routes: SlackAgentRoutes;
  /** Resolves once every Slack post queued so far is done (shutdown, tests). */
  idle(): Promise<void>;
}

type Seen = Pick<Ticket, 'status' | 'rating'>;

export function createSlackAgentDesk(opts: SlackAgentDeskOptions): SlackAgentDesk {
  const { service, channelId } = opts;
  const log = opts.logger ?? console;
  const client = new webApi.WebClient(opts.botToken, {
    ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
    ...(opts.retryConfig ? { retryConfig: opts.retryConfig } : {}),
    logLevel: webApi.LogLevel.ERROR,
  });
  // One ticket's posts stay in order (the ticket before its thread, updates in turn); tickets run side by side.
  const queue = new KeyedQueue();
  const threadOf = new Map<string, string>(); // ticket id -> thread ts
  const ticketOf = new Map<string, string | null>(); // thread ts -> ticket id, null: not a ticket's
  const seen = new Map<string, Seen>(); // what the channel was last shown of each ticket
  const names = new Map<string, string>(); // Slack user id -> the name agents act under

  const refOf = (ticket: Ticket) => threadOf.get(ticket.id) ?? ticket.deskRefs[SLACK_DESK_NAME] ?? null;

  const remember = (ticketId: string, ts: string) => {
    bounded(threadOf, ticketId, ts);
    bounded(ticketOf, ts, ticketId);
  };

  const post = async (ticket: Ticket): Promise<string> => {
    const posted = await client.chat.postMessage({ channel: channelId, ...ticketMessage(ticket) });
    if (!posted.ts) throw new Error(`chat.postMessage gave no ts for ticket ${ticket.id}`);
    remember(ticket.id, posted.ts);
    bounded(seen, ticket.id, { status: ticket.status, rating: ticket.rating });
    await service
      .setDeskRef?.(ticket.id, SLACK_DESK_NAME, posted.ts)
      .catch((error: unknown) =>
        log.warn(`[slack-desk] could not keep the thread of ${ticket.id}: ${describe(error)}`),
      );
    return posted.ts;
  };

  const inThread = (ts: string, message: { text: string; blocks?: slackTypes.KnownBlock[] }) =>
    client.chat.postMessage({ channel: channelId, thread_ts: ts, ...message });

  /** Runs a desk task in the ticket's order; a Slack failure is logged, never thrown at the service. */
  const forTicket = (ticket: Ticket, what: string, task: () => Promise<void>): Promise<void> =>
    queue.run(ticket.id, task).catch((error: unknown) => {
      log.error(`[slack-desk] could not ${what} for ${ticket.id}: ${describe(error)}`);
    });

  /**
   * The ticket's message when this process has not posted it (a restart): deskRefs if the service
   * kept it, else the channel's messages since the ticket was created, by the block id it carries.
   */
  const find = async (ticket: Ticket): Promise<string | null> => {
    const known = refOf(ticket);
    if (known) return known;
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const found = await client.conversations.history({
          channel: channelId,
          oldest: String(Math.floor(ticket.createdAt / 1000) - 60),
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const message = found.messages?.find((m) =>
          (m.blocks ?? []).some((b) => parseTicketBlockId(b.block_id) === ticket.id),
        );
        if (message?.ts) {
          remember(ticket.id, message.ts);
          return message.ts;
        }
        cursor = found.response_metadata?.next_cursor || undefined;
        if (!found.has_more || !cursor) break;
      }
    } catch (error) {
      // Without channels:history the ticket is posted again: better twice than not at all.
      log.warn(`[slack-desk] could not look for the message of ${ticket.id}: ${describe(error)}`);
    }
    return null;
  };

  const show = async (ticket: Ticket) => {
    const ts = await find(ticket);
    // Never posted (Slack was down, or the desk came later): post it now, in its current state.
    if (!ts) return void (await post(ticket));
    remember(ticket.id, ts);
    await client.chat.update({ channel: channelId, ts, ...ticketMessage(ticket) });
    const before = seen.get(ticket.id);
    bounded(seen, ticket.id, { status: ticket.status, rating: ticket.rating });
    const note = before ? changeNote(before, ticket) : null;
    if (note) await inThread(ts, { text: note });
  };

  const agentName = async (userId: string, hint?: string): Promise<string> => {
    const known = names.get(userId);
    if (known) return known;
    let name = hint ?? userId;
    try {
      const { user } = await client.users.info({ user: userId });
      name = user?.profile?.display_name || user?.real_name || user?.name || name;
    } catch (error) {
      log.warn(
        `[slack-desk] users.info failed for ${userId} (is the users:read scope missing?): ${describe(error)}`,
      );
    }
    // Kept for good: clicks and replies of one person must carry the same name.
    bounded(names, userId, name);
    return name;
  };

  const tell = (userId: string, threadTs: string, text: string) =>
    client.chat.postEphemeral({ channel: channelId, user: userId, thread_ts: threadTs, text }).then(
      () => undefined,
      (error: unknown) =>
        log.warn(`[slack-desk] could not tell ${userId} in ${threadTs}: ${describe(error)}`),
    );

  const ticketIdOf = async (threadTs: string): Promise<string | null> => {
    const known = ticketOf.get(threadTs);
    if (known !== undefined) return known;
    // Unknown after a restart: the thread's first message is a ticket's if it carries its block id.
    const { messages } = await client.conversations.history({
      channel: channelId,
      latest: threadTs,
      inclusive: true,
      limit: 1,
    });
    const parent = messages?.[0];
    const id =
      parent?.ts === threadTs
        ? (parent.blocks ?? []).map((b) => parseTicketBlockId(b.block_id)).find(Boolean)
        : null;
    if (id) remember(id, threadTs);
    else bounded(ticketOf, threadTs, null);
    return id ?? null;
  };

  const act = (kind: HandoffButton, ticketId: string, agent: string) => {
    if (kind === 'take') return service.take(ticketId, agent);
    if (kind === 'close') return service.close(ticketId, agent);
    return service.returnToBot(ticketId, agent);
  };

  const routes: SlackAgentRoutes = {
    channelId,

    async handleAction(action: SlackAgentAction) {
      const kind = parseHandoffAction(action.actionId);
      if (!kind || action.value === '') {
        log.warn(`[slack-desk] unknown handoff button ${action.actionId}`);
        return;
      }
      // The clicked message is the ticket's, even when this process did not post it (a restart).
      if (!threadOf.has(action.value)) remember(action.value, action.messageTs);
      const agent = await agentName(action.userId, action.userName);
      const result = await act(kind, action.value, agent);
      if (result.ok) return; // the service tells the desks, and show() updates the message
      const ticket = result.ticket;
      await tell(action.userId, action.messageTs, refusalText(kind, result.reason));
      // The message may show buttons that no longer apply (e.g. it was posted before a restart).
      if (ticket) await forTicket(ticket, 'refresh the ticket', () => show(ticket));
    },

    async handleThreadReply(reply: SlackAgentThreadReply) {
      const ticketId = await ticketIdOf(reply.threadTs);
      if (!ticketId) return; // a thread that is not a ticket's: agents talking among themselves
      const agent = await agentName(reply.userId);
      const result = await service.reply(ticketId, agent, reply.text);
      if (!result.ok) await tell(reply.userId, reply.threadTs, refusalText('reply', result.reason));
    },
  };

  return {
    name: SLACK_DESK_NAME,
    routes,

    ticketOpened: (ticket) =>
      forTicket(ticket, 'post the ticket', async () => {
        if (!refOf(ticket)) await post(ticket);
      }),

    ticketChanged: (ticket) => forTicket(ticket, 'update the ticket', () => show(ticket)),

    userMessage: (ticket, text) =>
      forTicket(ticket, 'relay a user message', async () => {
        const ts = (await find(ticket)) ?? (await post(ticket));
        await inThread(ts, userMessageBlocks(text));
      }),

    idle: () => queue.idle(),
  };
}

/** Map.set that forgets the oldest entry past REMEMBERED: a long-running process must not grow forever. */
function bounded<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next();
  if (map.size > REMEMBERED && !oldest.done) map.delete(oldest.value);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
