/**
 * LINE adapter (@line/bot-sdk): webhook events -> engine turns; engine replies -> reply messages with
 * quick replies. Translation only: no business rule, no storage.
 *
 * Only one-to-one chats are served (`line:USERID`): a support case is not for a group room. Follow
 * events get nothing from here: the greeting is the one set in LINE Official Account Manager.
 */
import type { Server } from 'node:http';
import {
  HTTPFetchError,
  JSONParseError,
  middleware as lineMiddleware,
  messagingApi,
  SignatureValidationFailed,
  type webhook,
} from '@line/bot-sdk';
import express, {
  type ErrorRequestHandler,
  type Express,
  type NextFunction,
  type Request,
  type Response,
} from 'express';
import { KeyedQueue } from '../core/keyedQueue.ts';
import type { Engine, EngineInput, Reply } from '../core/ports.ts';
import { truncate } from '../core/truncate.ts';
import { EventDeduper } from '../server/eventDeduper.ts';
import type { Channel } from './channel.ts';
import { ENGINE_FAILED_TEXT } from './channelTexts.ts';

export const LINE_WEBHOOK_PATH = '/line/webhook';

const TEXT_ONLY_TEXT = 'スタンプや画像の中身は読み取れません。お困りのことを文章で送っていただけますか。';

// Messaging API limits (characters; we count UTF-16 units, which is never fewer).
const TEXT_MAX = 5000;
const MESSAGES_PER_CALL = 5;
const QUICK_REPLY_ITEMS_MAX = 13;
const QUICK_REPLY_LABEL_MAX = 20;
const POSTBACK_DATA_MAX = 300;
const BODY_LIMIT = '1mb';

export interface LineChannelOptions {
  engine: Engine;
  channelSecret: string;
  channelAccessToken: string;
  /** Messaging API base URL (default https://api.line.me); a proxy or a local fake. */
  apiBaseUrl?: string | null;
  deduper?: EventDeduper;
  logger?: Pick<Console, 'warn' | 'error'>;
}

export class LineChannelError extends Error {
  constructor(
    readonly code: 'LINE_CONFIG' | 'LINE_BAD_CONVERSATION_ID' | 'LINE_STOPPED',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LineChannelError';
  }
}

export function createLineChannel(opts: LineChannelOptions): Channel {
  if (!opts.channelSecret || !opts.channelAccessToken) {
    throw new LineChannelError(
      'LINE_CONFIG',
      'LINE needs LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN.',
    );
  }
  const { engine } = opts;
  const log = opts.logger ?? console;
  const deduper = opts.deduper ?? new EventDeduper();
  // Keeps each user's replies in turn order, and tells stop() what is still running.
  const queue = new KeyedQueue();
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: opts.channelAccessToken,
    ...(opts.apiBaseUrl ? { baseURL: opts.apiBaseUrl } : {}),
  });
  let stopping = false;

  const ask = async (input: EngineInput): Promise<Reply[]> => {
    try {
      return (await engine.handle(input)).replies;
    } catch (error) {
      // Never log the user's text: it may hold a gift card code.
      log.error(`[line] engine failed for ${input.conversationId}: ${describe(error)}`);
      return [{ text: ENGINE_FAILED_TEXT, options: [] }];
    }
  };

  /** Reply with the token; push only when LINE refuses the token (expired, used, redelivered). */
  const send = async (userId: string, replyToken: string | undefined, replies: Reply[]) => {
    const messages = toLineMessages(replies);
    if (messages.length === 0) return;
    if (replyToken) {
      try {
        await client.replyMessage({ replyToken, messages });
        return;
      } catch (error) {
        if (!(error instanceof HTTPFetchError && error.status === 400)) throw error;
        log.warn(`[line] reply token refused for line:${userId}, pushing instead`);
      }
    }
    await client.pushMessage({ to: userId, messages });
  };

  const handleEvent = (event: webhook.Event): Promise<void> | undefined => {
    // standby: another module holds the chat; a repeat: LINE already gave it to us once.
    if (event.mode === 'standby' || event.source?.type !== 'user' || !event.source.userId) return undefined;
    const eventId: unknown = event.webhookEventId;
    if (typeof eventId === 'string' && !deduper.firstTime(`line:event:${eventId}`)) return undefined;
    const userId = event.source.userId;
    const conversationId = `line:${userId}`;
    let input: EngineInput | null;
    let replyToken: string | undefined;
    if (event.type === 'message') {
      replyToken = event.replyToken;
      input = event.message.type === 'text' ? { conversationId, text: event.message.text } : null;
    } else if (event.type === 'postback' && typeof event.postback?.data === 'string') {
      replyToken = event.replyToken;
      input = { conversationId, choice: event.postback.data };
    } else {
      return undefined;
    }
    return queue
      .run(conversationId, async () => {
        const replies = input ? await ask(input) : [{ text: TEXT_ONLY_TEXT, options: [] }];
        await send(userId, replyToken, replies);
      })
      .catch((error: unknown) => log.error(`[line] could not answer ${conversationId}: ${describe(error)}`));
  };

  const webhookHandler = (req: Request, res: Response) => {
    const events = (req.body as { events?: unknown } | undefined)?.events;
    if (!Array.isArray(events)) {
      res.status(400).json({ error: 'bad_request', message: 'A LINE webhook body has an events array.' });
      return;
    }
    // The turns are queued before the 200 goes out, so stop() always sees them.
    for (const event of events as unknown[]) {
      if (event !== null && typeof event === 'object') handleEvent(event as webhook.Event);
    }
    res.status(200).json({});
  };

  const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
    if (error instanceof SignatureValidationFailed) {
      res
        .status(401)
        .json({ error: 'bad_signature', message: 'The x-line-signature header does not match.' });
      return;
    }
    if (error instanceof JSONParseError) {
      res.status(400).json({ error: 'bad_json', message: 'The request body is not valid JSON.' });
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request', message: 'The request could not be read.' });
      return;
    }
    log.error(`[line] webhook failed: ${describe(error)}`);
    res.status(500).json({ error: 'internal', message: 'Something went wrong on our side.' });
  };

  return {
    name: 'line',

    mount(app: Express, _server: Server) {
      app.post(
        LINE_WEBHOOK_PATH,
        (_req: Request, res: Response, next: NextFunction) => {
          // 503 while stopping: LINE redelivers (when redelivery is on) to the next process.
          if (stopping) res.status(503).json({ error: 'stopping', message: 'Shutting down.' });
          else next();
        },
        // Raw bytes, with a size limit, for the signature check: never express.json() here.
        express.raw({ type: () => true, limit: BODY_LIMIT }),
        lineMiddleware({ channelSecret: opts.channelSecret }),
        webhookHandler,
        errorHandler,
      );
    },

    async deliver(conversationId: string, replies: Reply[]) {
      if (stopping)
        throw new LineChannelError(
          'LINE_STOPPED',
          `LINE channel stopped; not delivered to ${conversationId}.`,
        );
      const userId = /^line:([^:]+)$/.exec(conversationId)?.[1];
      if (!userId)
        throw new LineChannelError(
          'LINE_BAD_CONVERSATION_ID',
          `Not a LINE conversation id: ${conversationId}`,
        );
      await queue.run(conversationId, () => send(userId, undefined, replies));
    },

    async stop() {
      stopping = true;
      await queue.idle();
    },
  };
}

/** Engine replies as at most five LINE text messages, options as postback quick replies. */
export function toLineMessages(replies: Reply[]): messagingApi.TextMessage[] {
  const nonEmpty = replies.filter((r) => r.text !== '' || r.options.length > 0);
  // Past five, the rest joins the fifth message, keeping the last reply's options.
  const packed =
    nonEmpty.length <= MESSAGES_PER_CALL
      ? nonEmpty
      : [
          ...nonEmpty.slice(0, MESSAGES_PER_CALL - 1),
          {
            text: nonEmpty
              .slice(MESSAGES_PER_CALL - 1)
              .map((r) => r.text)
              .filter((t) => t !== '')
              .join('\n\n'),
            options: nonEmpty.at(-1)?.options ?? [],
          },
        ];
  return packed.map((reply) => {
    const message: messagingApi.TextMessage = { type: 'text', text: truncate(reply.text, TEXT_MAX) || '…' };
    const items = reply.options
      .filter((o) => o.id.length <= POSTBACK_DATA_MAX)
      .slice(0, QUICK_REPLY_ITEMS_MAX)
      .map((option) => ({
        type: 'action',
        action: {
          type: 'postback' as const,
          label: truncate(option.label, QUICK_REPLY_LABEL_MAX),
          data: option.id,
          // Shown in the chat as the user's own words, in full.
          displayText: truncate(option.label, POSTBACK_DATA_MAX),
        },
      }));
    if (items.length > 0) message.quickReply = { items };
    return message;
  });
}

function describe(error: unknown): string {
  if (error instanceof HTTPFetchError) return `HTTP ${error.status} ${error.statusText}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
