/**
 * Web chat: Botkit's web adapter carries the socket turns, our widget is the client. The adapter
 * trusts whatever `user` the browser sends, so every frame passes a gate first: shape, limits and
 * the signed session token; only then does the adapter see it, with `user` set to the verified
 * conversation id. Replies go back to the socket that asked; pushes to every socket of the
 * conversation.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WebAdapter } from 'botbuilder-adapter-web';
import type { Express } from 'express';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Engine, Reply } from '../core/ports.ts';
import { renderDemoPage } from '../server/demoPage.ts';
import { getWidgetBundle } from '../server/widgetBundle.ts';
import {
  type ClientMessage,
  type ErrorCode,
  MAX_FRAME_BYTES,
  MAX_TEXT_LENGTH,
  parseClientMessage,
  type ServerMessage,
  type SessionResponse,
} from '../widget/protocol.ts';
import type { Channel } from './channel.ts';
import { signSessionToken, verifySessionToken } from './webSessionToken.ts';

export interface WebChannelOptions {
  engine: Engine;
  /** Signs session tokens; keep it across restarts or every open chat starts over. */
  secret: string;
  /** Prefix of `<path>/session` and `<path>/socket`. Default '/web'. */
  path?: string;
  now?: () => number;
  /** Turns one socket may have waiting at once before it is told to slow down. Default 4. */
  maxPendingPerSocket?: number;
}

type TurnContext = Parameters<WebAdapter['sendActivities']>[0];
type Activity = Parameters<WebAdapter['sendActivities']>[1][number];
type Reference = Parameters<WebAdapter['continueConversation']>[0];
type ConversationAccount = NonNullable<Reference['conversation']>;

/** What the adapter receives once the gate let a frame through: it becomes `activity.channelData`. */
type Admitted = (ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'token'>
    : never
  : never) & {
  user: string;
  peer: number;
  turn: number;
};

interface Peer {
  id: number;
  ws: WebSocket;
  conversationId: string | null;
  pending: number;
  /** The previous frame's answer: one socket's frames are answered in the order they came. */
  last: Promise<void>;
}

const MESSAGES: Record<ErrorCode, string> = {
  bad_json: '送信内容を読み取れませんでした。もう一度お試しください。',
  bad_message: '送信内容の形式が正しくありません。ページを再読み込みしてください。',
  missing_token: 'セッションを確認できませんでした。新しい会話を始めてください。',
  invalid_token: 'セッションを確認できませんでした。新しい会話を始めてください。',
  expired_token: 'セッションの有効期限が切れました。新しい会話を始めてください。',
  empty_text: 'メッセージが空です。内容を入力してから送信してください。',
  text_too_long: `メッセージが長すぎます（${MAX_TEXT_LENGTH}文字まで）。分けて送ってください。`,
  busy: '前のメッセージにお答えしている途中です。少し待ってから送ってください。',
  shutting_down: 'ただいまサーバーを再起動しています。少し待ってからもう一度送ってください。',
  internal: '申し訳ありません。こちらで問題が起きました。少し待ってからもう一度お試しください。',
};

/** The adapter starts a 30 s ping interval that it never stops: catch it so that stop() can. */
function captureIntervals(run: () => void): NodeJS.Timeout[] {
  const original = globalThis.setInterval;
  const captured: NodeJS.Timeout[] = [];
  const capturing = (...args: Parameters<typeof setInterval>) => {
    const handle = original(...args);
    handle.unref();
    captured.push(handle);
    return handle;
  };
  globalThis.setInterval = capturing as unknown as typeof setInterval;
  try {
    run();
  } finally {
    globalThis.setInterval = original;
  }
  return captured;
}

const OPEN = 1;

export function createWebChannel(opts: WebChannelOptions): Channel {
  const base = opts.path ?? '/web';
  const now = opts.now ?? Date.now;
  const maxPending = opts.maxPendingPerSocket ?? 4;
  const peers = new Map<number, Peer>();
  /** Each admitted frame until its answer was sent: stop() waits for them. */
  const inFlight = new Map<number, { done: Promise<void>; finish: () => void }>();
  let nextPeer = 1;
  let nextTurn = 1;
  let stopping = false;
  let wss: WebSocketServer | null = null;
  let timers: NodeJS.Timeout[] = [];

  const send = (peer: Peer | undefined, message: ServerMessage) => {
    if (peer && peer.ws.readyState === OPEN) peer.ws.send(JSON.stringify(message));
  };
  const refuse = (peer: Peer, code: ErrorCode, replyTo: string | null) =>
    send(peer, { type: 'error', replyTo, code, message: MESSAGES[code] });

  class GatedWebAdapter extends WebAdapter {
    override async sendActivities(context: TurnContext, activities: Partial<Activity>[]) {
      const asker = (context.activity.channelData as Partial<Admitted> | undefined)?.peer;
      for (const activity of activities) {
        const message = activity.channelData as ServerMessage;
        if (asker !== undefined) send(peers.get(asker), message);
        else
          for (const peer of peers.values())
            if (peer.conversationId === activity.recipient?.id) send(peer, message);
      }
      return [];
    }
  }
  const adapter = new GatedWebAdapter();

  const turn = async (context: TurnContext) => {
    const data = context.activity.channelData as Admitted;
    const conversationId = data.user;
    const replyTo = data.id ?? null;
    let answer: ServerMessage;
    try {
      if (data.type === 'history') {
        const stored = await opts.engine.history(conversationId, 200);
        const messages = stored.map((m) => ({
          role: m.role,
          text: m.text,
          options: m.options ?? [],
          at: m.at,
        }));
        answer = { type: 'history', replyTo, messages };
      } else {
        const input = data.type === 'message' ? { text: data.text } : { choice: data.choice };
        const result = await opts.engine.handle({ conversationId, ...input });
        answer = { type: 'reply', replyTo, replies: result.replies };
      }
    } catch (error) {
      console.error(`web: turn failed in ${conversationId}:`, error);
      answer = { type: 'error', replyTo, code: 'internal', message: MESSAGES.internal };
    }
    try {
      await context.sendActivity({ type: 'message', channelData: answer });
    } finally {
      inFlight.get(data.turn)?.finish();
    }
  };

  const admit = (peer: Peer, frame: unknown, forward: (frame: string) => void) => {
    if (typeof frame !== 'string') return refuse(peer, 'bad_message', null);
    const parsed = parseClientMessage(frame);
    if (!parsed.ok) return refuse(peer, parsed.code, parsed.replyTo);
    const { token, ...message } = parsed.message;
    const replyTo = message.id ?? null;
    if (stopping) return refuse(peer, 'shutting_down', replyTo);
    const check = verifySessionToken(token, opts.secret, now());
    if (!check.ok)
      return refuse(peer, check.reason === 'expired' ? 'expired_token' : 'invalid_token', replyTo);
    if (peer.pending >= maxPending) return refuse(peer, 'busy', replyTo);
    peer.conversationId = check.conversationId;
    peer.pending += 1;
    const admitted: Admitted = { ...message, user: check.conversationId, peer: peer.id, turn: nextTurn++ };
    let resolve = () => {};
    const done = new Promise<void>((r) => {
      resolve = r;
    });
    inFlight.set(admitted.turn, {
      done,
      finish: () => {
        peer.pending -= 1;
        inFlight.delete(admitted.turn);
        resolve();
      },
    });
    const previous = peer.last;
    peer.last = done;
    void previous.then(() => forward(JSON.stringify(admitted)));
  };

  const onConnection = (ws: WebSocket) => {
    const peer: Peer = { id: nextPeer++, ws, conversationId: null, pending: 0, last: Promise.resolve() };
    peers.set(peer.id, peer);
    // The adapter attached its own listener first; keep it, but call it only through the gate.
    const [adapterListener] = ws.listeners('message') as ((frame: string) => void)[];
    ws.removeAllListeners('message');
    // Its error listener prints every client mistake (an oversized frame); ws closes the socket anyway.
    ws.removeAllListeners('error');
    ws.on('error', () => {});
    ws.on('message', (frame: unknown) =>
      admit(peer, frame, (admitted) => adapterListener?.call(ws, admitted)),
    );
    ws.on('close', () => peers.delete(peer.id));
  };

  return {
    name: 'web',

    async mount(app: Express, server: Server) {
      const widget = await getWidgetBundle({ webPath: base });
      app.get('/', (req, res) => {
        const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
        res.type('html').set('Cache-Control', 'no-cache').send(renderDemoPage(origin));
      });
      app.get('/widget.js', (_req, res) => {
        res.type('text/javascript; charset=utf-8').set('Cache-Control', 'public, max-age=300').send(widget);
      });
      app.post(`${base}/session`, (_req, res) => {
        const conversationId = `web:${randomBytes(16).toString('base64url')}`;
        const body: SessionResponse = {
          conversationId,
          token: signSessionToken(conversationId, opts.secret, now()),
        };
        res.set({ 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' }).json(body);
      });
      timers = captureIntervals(() =>
        adapter.createSocketServer(server, { path: `${base}/socket`, maxPayload: MAX_FRAME_BYTES }, turn),
      );
      wss = adapter.wss as WebSocketServer;
      wss.on('connection', onConnection);
    },

    async deliver(conversationId: string, replies: Reply[]) {
      const push: ServerMessage = { type: 'push', replies };
      await adapter.continueConversation(
        {
          channelId: 'websocket',
          conversation: { id: conversationId } as ConversationAccount,
          user: { id: conversationId, name: '' },
          bot: { id: 'bot', name: '' },
        },
        async (context) => {
          await context.sendActivity({ type: 'message', channelData: push });
        },
      );
    },

    async stop() {
      stopping = true;
      await Promise.all([...inFlight.values()].map((t) => t.done));
      for (const timer of timers) clearInterval(timer);
      // 1001 tells the widget to come back later; a socket that does not answer the close is cut below.
      const closed = [...peers.values()].map(
        (peer) =>
          new Promise<void>((resolve) => {
            peer.ws.once('close', () => resolve());
            peer.ws.close(1001, 'server shutting down');
            setTimeout(resolve, 1000).unref();
          }),
      );
      await Promise.all(closed);
      await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
    },
  };
}
