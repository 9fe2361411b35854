import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A local stand-in for https://slack.com/api/ that the real @slack/web-api client talks HTTP to.
 * It answers the methods the Slack channel calls and records every call for assertions.
 */
export interface SlackApiCall {
  method: string;
  headers: IncomingHttpHeaders;
  /** Form or JSON body; JSON-looking form values (blocks) are parsed. */
  body: Record<string, unknown>;
  /** What the fake answered (a posted message's `ts` is here). */
  answer: SlackApiAnswer;
}

export type SlackApiAnswer = Record<string, unknown> & { ok: boolean };

export interface FakeSlackApi {
  /** Base URL to hand to the channel as `apiUrl` (ends with `/api/`). */
  url: string;
  calls: SlackApiCall[];
  callsTo(method: string): SlackApiCall[];
  /** Resolves once `method` has been called `count` times in all. */
  waitForCalls(method: string, count: number): Promise<SlackApiCall[]>;
  /** Resolves with the first call to `method` (past or future) that `match` accepts. */
  waitFor(method: string, match: (call: SlackApiCall) => boolean): Promise<SlackApiCall>;
  /** The next call to `method` gets this answer instead of the default. */
  answerNext(method: string, answer: SlackApiAnswer): void;
  /** A workspace member that users.info knows; others get `user_not_found`. */
  addUser(user: FakeSlackUser): void;
  /**
   * Socket Mode: sends an envelope (`events_api`, `interactive`) to the connected app and resolves
   * with the app's acknowledgement. Waits for the app to connect first.
   */
  sendEnvelope(
    type: 'events_api' | 'interactive',
    payload: unknown,
    retry?: { attempt: number; reason: string },
  ): Promise<{ envelope_id: string }>;
  /** Socket Mode connections the app has opened so far, and how many are still open. */
  sockets(): { opened: number; open: number };
  /** Resolves once every Socket Mode connection has been closed by the app. */
  socketsClosed(): Promise<void>;
  close(): Promise<void>;
}

export interface FakeSlackIdentity {
  teamId: string;
  botUserId: string;
  botId: string;
}

export interface FakeSlackUser {
  id: string;
  /** The legacy handle (`name`), what a click's `user.username` carries. */
  name: string;
  realName?: string;
  displayName?: string;
}

export const FAKE_SLACK_IDENTITY: FakeSlackIdentity = {
  teamId: 'T0FAKE',
  botUserId: 'UBOT0001',
  botId: 'BBOT0001',
};

export async function startFakeSlackApi(
  identity: FakeSlackIdentity = FAKE_SLACK_IDENTITY,
): Promise<FakeSlackApi> {
  const calls: SlackApiCall[] = [];
  const waiters: Array<() => void> = [];
  const overrides = new Map<string, SlackApiAnswer[]>();
  let tsCounter = 0;
  // Like Slack's: the post time in seconds, then a per-second sequence; here unique and increasing.
  const tsBase = Math.floor(Date.now() / 1000);
  const nextTs = () => `${tsBase}.${String(++tsCounter).padStart(6, '0')}`;
  const users = new Map<string, FakeSlackUser>();

  const defaults: Record<string, (body: Record<string, unknown>) => SlackApiAnswer> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://fake.slack.test/',
      team: 'Fake Team',
      user: 'madoguchi',
      team_id: identity.teamId,
      user_id: identity.botUserId,
      bot_id: identity.botId,
    }),
    'chat.postMessage': (body) => {
      const ts = nextTs();
      return { ok: true, channel: body.channel, ts, message: { ...body, ts, bot_id: identity.botId } };
    },
    'chat.update': (body) => ({ ok: true, channel: body.channel, ts: body.ts, text: body.text }),
    'chat.postEphemeral': () => {
      return { ok: true, message_ts: nextTs() };
    },
    // Top-level messages posted so far in a channel, newest first, up to `latest` (inclusive).
    'conversations.history': (body) => {
      const latest = typeof body.latest === 'string' ? body.latest : null;
      const messages = calls
        .filter((c) => c.method === 'chat.postMessage' && c.answer.ok && c.body.channel === body.channel)
        .filter((c) => c.body.thread_ts === undefined)
        .map((c) => ({
          type: 'message',
          ts: String(c.answer.ts),
          text: c.body.text,
          blocks: c.body.blocks,
          bot_id: identity.botId,
        }))
        .filter((m) => latest === null || m.ts <= latest)
        .filter((m) => typeof body.oldest !== 'string' || m.ts >= body.oldest)
        .reverse()
        .slice(0, Number(body.limit ?? 100));
      return { ok: true, messages, has_more: false };
    },
    'users.info': (body) => {
      const user = users.get(String(body.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      const profile = { real_name: user.realName ?? '', display_name: user.displayName ?? '' };
      return { ok: true, user: { id: user.id, name: user.name, real_name: profile.real_name, profile } };
    },
    'conversations.open': (body) => ({ ok: true, channel: { id: `D${String(body.users)}` } }),
    'apps.connections.open': () => ({ ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=fake` }),
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      const answer = overrides.get(method)?.shift() ??
        defaults[method]?.(body) ?? { ok: false, error: 'unknown_method' };
      calls.push({ method, headers: req.headers, body, answer });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(answer));
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  // Socket Mode: the app dials the URL that apps.connections.open gave; Slack greets it with hello.
  const wss = new WebSocketServer({ server });
  const connected: WebSocket[] = [];
  const socketWaiters: Array<(ws: WebSocket) => void> = [];
  wss.on('connection', (ws) => {
    connected.push(ws);
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
    for (const wake of socketWaiters.splice(0)) wake(ws);
  });
  const currentSocket = () =>
    new Promise<WebSocket>((resolve) => {
      const live = connected.filter((ws) => ws.readyState === ws.OPEN).at(-1);
      if (live) resolve(live);
      else socketWaiters.push(resolve);
    });

  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    callsTo,
    waitForCalls(method, count) {
      return new Promise((resolve) => {
        const check = () => {
          const found = callsTo(method);
          if (found.length >= count) resolve(found);
          else waiters.push(check);
        };
        check();
      });
    },
    waitFor(method, match) {
      return new Promise((resolve) => {
        const check = () => {
          const found = callsTo(method).find(match);
          if (found) resolve(found);
          else waiters.push(check);
        };
        check();
      });
    },
    answerNext(method, answer) {
      overrides.set(method, [...(overrides.get(method) ?? []), answer]);
    },
    addUser(user) {
      users.set(user.id, user);
    },
    async sendEnvelope(type, payload, retry) {
      const ws = await currentSocket();
      const envelopeId = randomUUID();
      return new Promise((resolve) => {
        const onMessage = (data: Buffer) => {
          const ack = JSON.parse(data.toString('utf8')) as { envelope_id: string };
          if (ack.envelope_id !== envelopeId) return;
          ws.off('message', onMessage);
          resolve(ack);
        };
        ws.on('message', onMessage);
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type === 'interactive',
            retry_attempt: retry?.attempt ?? 0,
            retry_reason: retry?.reason ?? '',
          }),
        );
      });
    },
    socketsClosed: () =>
      Promise.all(
        connected.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) resolve();
              else ws.once('close', () => resolve());
            }),
        ),
      ).then(() => undefined),
    sockets: () => ({
      opened: connected.length,
      open: connected.filter((ws) => ws.readyState === ws.OPEN).length,
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const ws of connected) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType?.startsWith('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return out;
}
