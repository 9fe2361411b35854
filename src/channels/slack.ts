/**
 * Slack adapter (Bolt): Slack events and button clicks -> engine turns; engine replies -> messages
 * in the user's thread. Translation only: no business rule, no storage.
 *
 * One conversation per user per workspace (`slack:TEAM:USER`), whatever thread or DM the user writes
 * in: the engine keeps one case per person, and a reply goes to the thread the user last wrote in.
 *
 * The same app serves the human agents: events of the agents' channel are never user conversations.
 * Thread replies there and clicks on `handoff:` buttons are handed, translated, to `agentDesk`.
 */
import type { Server } from 'node:http';
import {
  App,
  type BlockAction,
  type ButtonAction,
  ExpressReceiver,
  LogLevel,
  type webApi,
} from '@slack/bolt';
import type { Express, NextFunction, Request, Response } from 'express';
import { KeyedQueue } from '../core/keyedQueue.ts';
import type { Engine, EngineInput, Reply } from '../core/ports.ts';
import { truncate } from '../core/truncate.ts';
import { EventDeduper } from '../server/eventDeduper.ts';
import type { Channel } from './channel.ts';
import { ENGINE_FAILED_TEXT } from './channelTexts.ts';
import {
  chosenBlocks,
  escapeMrkdwn,
  replyBlocks,
  SECTION_MAX,
  SLACK_CHOICE_PREFIX,
  SLACK_HANDOFF_PREFIX,
  slackTextToPlain,
} from './slackBlocks.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

const TEXT_ONLY_TEXT = 'ファイルや画像の中身は読み取れません。お困りのことを文章で送っていただけますか。';
const THREADS_REMEMBERED = 10_000;

/** Where events of the agents' channel go (see src/handoff/slackAgentDesk.ts). */
export interface SlackAgentRoutes {
  /** HANDOFF_SLACK_CHANNEL: nothing said or clicked there is a user conversation. */
  channelId: string;
  /** A click on a `handoff:` button; `value` is the button's value. */
  handleAction(action: SlackAgentAction): Promise<void>;
  /** A person's message in a thread of the agents' channel, as plain text. */
  handleThreadReply(message: SlackAgentThreadReply): Promise<void>;
}

export interface SlackAgentAction {
  actionId: string;
  value: string;
  userId: string;
  /** Slack's user name from the click, when it came with one. */
  userName?: string;
  channelId: string;
  messageTs: string;
}

export interface SlackAgentThreadReply {
  threadTs: string;
  ts: string;
  userId: string;
  text: string;
}

export interface SlackChannelOptions {
  engine: Engine;
  /** Verifies Events API requests; required unless `appToken` (Socket Mode) is given. */
  signingSecret?: string;
  /** xoxb-… bot token. */
  botToken: string;
  /** xapp-… app-level token: switches to Socket Mode (no public URL, no /slack/events route). */
  appToken?: string | null;
  /** Web API base URL (default https://slack.com/api/); a proxy or a local fake. */
  apiUrl?: string | null;
  deduper?: EventDeduper;
  /** Web API retries; tests pass `{ retries: 0 }`. Default: 3 retries within about 10 s. */
  retryConfig?: webApi.RetryOptions;
  /** Bolt's own log level (default WARN). */
  logLevel?: LogLevel;
  logger?: Pick<Console, 'warn' | 'error'>;
  /** The human agents' channel and its handlers, when handoff to Slack is on. */
  agentDesk?: SlackAgentRoutes;
}

export class SlackChannelError extends Error {
  constructor(
    readonly code:
      | 'SLACK_CONFIG'
      | 'SLACK_AUTH_FAILED'
      | 'SLACK_NOT_MOUNTED'
      | 'SLACK_BAD_CONVERSATION_ID'
      | 'SLACK_STOPPED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SlackChannelError';
  }
}

interface Place {
  channel: string;
  threadTs?: string;
}

export function createSlackChannel(opts: SlackChannelOptions): Channel {
  if (!opts.appToken && !opts.signingSecret) {
    throw new SlackChannelError(
      'SLACK_CONFIG',
      'Slack needs SLACK_SIGNING_SECRET (Events API over HTTP) or SLACK_APP_TOKEN (Socket Mode).',
    );
  }
  const { engine, agentDesk } = opts;
  const log = opts.logger ?? console;
  const deduper = opts.deduper ?? new EventDeduper();
  // Keeps each user's replies in turn order, and tells stop() what is still running.
  const queue = new KeyedQueue();
  const places = new Map<string, Place>();
  let bolt: App | undefined;
  let stopping = false;
  let socketStarted = false;

  const remember = (conversationId: string, place: Place) => {
    places.delete(conversationId);
    places.set(conversationId, place);
    const oldest = places.keys().next();
    if (places.size > THREADS_REMEMBERED && !oldest.done) places.delete(oldest.value);
  };

  const ask = async (input: EngineInput): Promise<Reply[]> => {
    try {
      return (await engine.handle(input)).replies;
    } catch (error) {
      // Never log the user's text: it may hold a gift card code.
      log.error(`[slack] engine failed for ${input.conversationId}: ${describe(error)}`);
      return [{ text: ENGINE_FAILED_TEXT, options: [] }];
    }
  };

  const post = async (app: App, place: Place, replies: Reply[]) => {
    for (const reply of replies) {
      await app.client.chat.postMessage({
        channel: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        text: escapeMrkdwn(truncate(reply.text, SECTION_MAX)) || ' ',
        blocks: replyBlocks(reply),
      });
    }
  };

  /** One user turn: engine, then the replies, in order with the other turns of that user. */
  const turn = (
    app: App,
    conversationId: string,
    place: Place,
    input: EngineInput | null,
    before?: () => Promise<void>,
  ) =>
    queue
      .run(conversationId, async () => {
        await before?.();
        const replies = input ? await ask(input) : [{ text: TEXT_ONLY_TEXT, options: [] }];
        await post(app, place, replies);
      })
      .catch((error: unknown) => log.error(`[slack] could not answer ${conversationId}: ${describe(error)}`));

  /** An agent's click or reply, in order with the others on that ticket (keyed by its thread). */
  const forAgents = (threadTs: string, what: string, task: () => Promise<void>) =>
    queue
      .run(`agents:${threadTs}`, task)
      .catch((error: unknown) =>
        log.error(`[slack] agent ${what} in ${threadTs} failed: ${describe(error)}`),
      );

  /** A person's message: in the agents' channel it is for the desk, anywhere else a user's turn. */
  const onMessage = async (app: App, m: IncomingMessage, botUserId: string | undefined) => {
    // One message can arrive as both message.* and app_mention: take it once.
    if (!deduper.firstTime(`slack:message:${m.channel}:${m.ts}`)) return;
    const text = slackTextToPlain(m.text ?? '', botUserId);
    if (agentDesk && m.channel === agentDesk.channelId) {
      // Only replies in a thread (a ticket's) matter there; files are not relayed.
      if (!m.threadTs || m.threadTs === m.ts || text === '') return;
      const reply = { threadTs: m.threadTs, ts: m.ts, userId: m.user, text };
      return forAgents(m.threadTs, 'reply', () => agentDesk.handleThreadReply(reply));
    }
    const conversationId = `slack:${m.team}:${m.user}`;
    const place = { channel: m.channel, threadTs: m.threadTs ?? m.ts };
    remember(conversationId, place);
    await turn(app, conversationId, place, text === '' && m.hasFiles ? null : { conversationId, text });
  };

  const register = (app: App) => {
    app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string' && !deduper.firstTime(`slack:event:${eventId}`)) return;
      await next();
    });

    app.event('message', async ({ event, body, context }) => {
      // Edits, deletions, joins and bot posts have a subtype (or a bot_id): only people's words count.
      const kept = [undefined, 'file_share', 'thread_broadcast'] as const;
      if (!(kept as readonly (string | undefined)[]).includes(event.subtype)) return;
      if (!('user' in event) || !event.user || ('bot_id' in event && event.bot_id)) return;
      // Channel messages are answered only through app_mention; the agents' channel is read whole.
      if (event.channel_type !== 'im' && event.channel !== agentDesk?.channelId) return;
      const team = ('team' in event ? event.team : undefined) ?? body.team_id;
      const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
      const hasFiles = 'files' in event && (event.files?.length ?? 0) > 0;
      const text = 'text' in event ? event.text : undefined;
      await onMessage(
        app,
        { channel: event.channel, ts: event.ts, user: event.user, team, threadTs, text, hasFiles },
        context.botUserId,
      );
    });

    app.event('app_mention', async ({ event, body, context }) => {
      if (event.bot_id || !event.user) return;
      await onMessage(
        app,
        {
          ...event,
          user: event.user,
          team: event.team ?? body.team_id,
          threadTs: event.thread_ts,
          hasFiles: (event.files?.length ?? 0) > 0,
        },
        context.botUserId,
      );
    });

    app.action<BlockAction<ButtonAction>>(
      new RegExp(`^${SLACK_CHOICE_PREFIX}`),
      async ({ ack, body, action }) => {
        await ack();
        const channel = body.channel?.id;
        const message = body.message;
        const team = body.user.team_id ?? body.team?.id;
        if (!channel || !message || !team) return;
        if (agentDesk && channel === agentDesk.channelId) return;
        // A second click on the same question (double click, two buttons) is not a second answer.
        if (!deduper.firstTime(`slack:click:${channel}:${message.ts}`)) return;
        const conversationId = `slack:${team}:${body.user.id}`;
        const place = { channel, threadTs: (message.thread_ts as string | undefined) ?? message.ts };
        remember(conversationId, place);
        const markChosen = () =>
          app.client.chat
            .update({
              channel,
              ts: message.ts,
              text: message.text ?? ' ',
              blocks: chosenBlocks(message.blocks, action.text.text),
            })
            .then(
              () => undefined,
              (error: unknown) =>
                log.warn(`[slack] could not mark the choice in ${channel}: ${describe(error)}`),
            );
        const choice = action.value ?? action.action_id.slice(SLACK_CHOICE_PREFIX.length);
        await turn(app, conversationId, place, { conversationId, choice }, markChosen);
      },
    );

    app.action<BlockAction<ButtonAction>>(
      new RegExp(`^${SLACK_HANDOFF_PREFIX}`),
      async ({ ack, body, action }) => {
        await ack();
        const channelId = body.channel?.id;
        const messageTs = body.message?.ts;
        if (!agentDesk || channelId !== agentDesk.channelId || !messageTs) return;
        // The same click delivered twice (a redelivered envelope) is handed over once.
        const key = `slack:handoff:${messageTs}:${action.action_id}:${body.user.id}:${action.action_ts}`;
        if (!deduper.firstTime(key)) return;
        const userName = body.user.name ?? body.user.username;
        const click = {
          actionId: action.action_id,
          value: action.value ?? '',
          userId: body.user.id,
          ...(userName ? { userName } : {}),
          channelId,
          messageTs,
        };
        await forAgents(messageTs, action.action_id, () => agentDesk.handleAction(click));
      },
    );

    app.error(async (error) => {
      log.error(`[slack] ${describe(error)}`);
    });
  };

  return {
    name: 'slack',

    async mount(app: Express, _server: Server) {
      const common = {
        token: opts.botToken,
        deferInitialization: true,
        convoStore: false as const,
        logLevel: opts.logLevel ?? LogLevel.WARN,
        clientOptions: {
          ...(opts.apiUrl ? { slackApiUrl: opts.apiUrl } : {}),
          retryConfig: opts.retryConfig ?? { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 5000 },
        },
      };
      if (opts.appToken) {
        bolt = new App({ ...common, appToken: opts.appToken, socketMode: true });
      } else {
        // Answer 503 while stopping: Slack then retries, and the next process answers.
        app.use(SLACK_EVENTS_PATH, (_req: Request, res: Response, next: NextFunction) => {
          if (stopping) res.status(503).end();
          else next();
        });
        const receiver = new ExpressReceiver({
          signingSecret: opts.signingSecret ?? '',
          app,
          endpoints: SLACK_EVENTS_PATH,
          logLevel: common.logLevel,
        });
        bolt = new App({ ...common, receiver });
      }
      register(bolt);
      // auth.test: a wrong token fails at start-up, not at the first message.
      await bolt.init().catch((error: unknown) => {
        throw new SlackChannelError(
          'SLACK_AUTH_FAILED',
          `Slack did not accept SLACK_BOT_TOKEN (${describe(error)}). Copy the Bot User OAuth Token ` +
            '(xoxb-…) from OAuth & Permissions again, and check that the app is installed in the workspace.',
          { cause: error },
        );
      });
    },

    async start() {
      if (!opts.appToken) return;
      if (!bolt) throw new SlackChannelError('SLACK_NOT_MOUNTED', 'Call mount() before start().');
      await bolt.start();
      socketStarted = true;
    },

    async deliver(conversationId: string, replies: Reply[]) {
      const app = bolt;
      if (!app) throw new SlackChannelError('SLACK_NOT_MOUNTED', 'Call mount() before deliver().');
      if (stopping)
        throw new SlackChannelError(
          'SLACK_STOPPED',
          `Slack channel stopped; not delivered to ${conversationId}.`,
        );
      const user = /^slack:[^:]+:([^:]+)$/.exec(conversationId)?.[1];
      if (!user) {
        throw new SlackChannelError(
          'SLACK_BAD_CONVERSATION_ID',
          `Not a Slack conversation id: ${conversationId}`,
        );
      }
      await queue.run(conversationId, async () => {
        let place = places.get(conversationId);
        if (!place) {
          // No thread known in this process (e.g. after a restart): write in the user's DM.
          const opened = await app.client.conversations.open({ users: user });
          const channel = opened.channel?.id;
          if (!channel) throw new Error(`conversations.open gave no channel for ${conversationId}`);
          place = { channel };
        }
        await post(app, place, replies);
      });
    },

    async stop() {
      stopping = true;
      if (socketStarted && bolt) {
        await bolt.stop();
        socketStarted = false;
      }
      await queue.idle();
    },
  };
}

interface IncomingMessage {
  team: string;
  user: string;
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  hasFiles: boolean;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
