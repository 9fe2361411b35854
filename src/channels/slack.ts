/**
 * Slack adapter (Bolt): Slack events and button clicks -> engine turns; engine replies -> messages
 * in the user's thread. Translation only: no business rule, no storage.
 *
 * One conversation per user per workspace (`slack:TEAM:USER`), whatever thread or DM the user writes
 * in: the engine keeps one case per person, and a reply goes to the thread the user last wrote in.
 */
import type { Server } from 'node:http';
import {
  App,
  type BlockAction,
  type ButtonAction,
  ExpressReceiver,
  LogLevel,
  type types as slackTypes,
  type webApi,
} from '@slack/bolt';
import type { Express, NextFunction, Request, Response } from 'express';
import { KeyedQueue } from '../core/keyedQueue.ts';
import type { Engine, EngineInput, Reply } from '../core/ports.ts';
import { EventDeduper } from '../server/eventDeduper.ts';
import type { Channel } from './channel.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Prefix of a button's action_id; the rest (and the button value) is the option id. */
export const SLACK_CHOICE_PREFIX = 'choice:';

const ENGINE_FAILED_TEXT =
  '申し訳ありません、いまはお返事を用意できませんでした。少し時間をおいて、もう一度送ってみてください。';
const TEXT_ONLY_TEXT = 'ファイルや画像の中身は読み取れません。お困りのことを文章で送っていただけますか。';
const chosenText = (label: string) => `「${label}」を選びました`;

// Block Kit limits (characters; we count UTF-16 units, which is never fewer).
const SECTION_MAX = 3000;
const BUTTON_TEXT_MAX = 75;
const ACTION_ID_MAX = 255;
const BUTTONS_MAX = 25;
const THREADS_REMEMBERED = 10_000;

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
  const { engine } = opts;
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

  const onUserMessage = async (app: App, m: IncomingMessage, botUserId: string | undefined) => {
    // One message can arrive as both message.im and app_mention: answer it once.
    if (!deduper.firstTime(`slack:message:${m.channel}:${m.ts}`)) return;
    const conversationId = `slack:${m.team}:${m.user}`;
    const place = { channel: m.channel, threadTs: m.threadTs ?? m.ts };
    remember(conversationId, place);
    const text = slackTextToPlain(m.text ?? '', botUserId);
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
      if (event.subtype !== undefined && event.subtype !== 'file_share') return;
      if (event.subtype === undefined && event.bot_id) return;
      // Channel messages are answered only through app_mention.
      if (event.channel_type !== 'im' || !event.user) return;
      const team = (event.subtype === undefined ? event.team : undefined) ?? body.team_id;
      await onUserMessage(
        app,
        { ...event, team, threadTs: event.thread_ts, hasFiles: (event.files?.length ?? 0) > 0 },
        context.botUserId,
      );
    });

    app.event('app_mention', async ({ event, body, context }) => {
      if (event.bot_id || !event.user) return;
      const team = event.team ?? body.team_id;
      await onUserMessage(
        app,
        {
          ...event,
          user: event.user,
          team,
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

/** Slack message markup -> the plain text a person typed: mentions dropped, links to labels, entities decoded. */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_all, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('@')) return botUserId && target === `@${botUserId}` ? '' : (label ?? '');
      if (target.startsWith('#')) return label ? `#${label}` : '';
      if (target.startsWith('!')) return '';
      return label ?? target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u3000]+/g, (s) => (s.length > 1 ? ' ' : s))
    .trim();
}

/** Slack reads `&`, `<`, `>` in message text as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A reply as Block Kit: its text (plain, so nothing in it becomes markup) and one button per option. */
export function replyBlocks(reply: Reply): slackTypes.KnownBlock[] {
  const blocks: slackTypes.KnownBlock[] = [];
  if (reply.text !== '') {
    blocks.push({
      type: 'section',
      text: { type: 'plain_text', text: truncate(reply.text, SECTION_MAX), emoji: true },
    });
  }
  if (reply.options.length > 0) {
    blocks.push({
      type: 'actions',
      block_id: 'choices',
      elements: reply.options.slice(0, BUTTONS_MAX).map((option) => ({
        type: 'button',
        action_id: `${SLACK_CHOICE_PREFIX}${option.id}`.slice(0, ACTION_ID_MAX),
        value: option.id,
        text: { type: 'plain_text', text: truncate(option.label, BUTTON_TEXT_MAX), emoji: true },
      })),
    });
  }
  return blocks;
}

/** The clicked message without its buttons, plus a line saying what was chosen. */
export function chosenBlocks(blocks: unknown, label: string): slackTypes.KnownBlock[] {
  const kept = Array.isArray(blocks)
    ? (blocks as slackTypes.KnownBlock[]).filter((b) => b && typeof b === 'object' && b.type !== 'actions')
    : [];
  return [
    ...kept,
    { type: 'context', elements: [{ type: 'plain_text', text: truncate(chosenText(label), SECTION_MAX) }] },
  ];
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** At most `max` UTF-16 units, cut between graphemes, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out}…`;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
