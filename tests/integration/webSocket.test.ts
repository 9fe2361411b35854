import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Channel } from '../../src/channels/channel.ts';
import { createWebChannel } from '../../src/channels/web.ts';
import { signSessionToken } from '../../src/channels/webSessionToken.ts';
import type { Engine, EngineInput } from '../../src/core/ports.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';
import type { ServerMessage, SessionResponse } from '../../src/widget/protocol.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';
import { createFakeEngine } from '../helpers/fakeEngine.ts';

const secret = 'web-socket-test-secret-0123456789abcdef';

/** A socket client that keeps every frame it gets and can wait for the next ones. */
class Client {
  readonly received: ServerMessage[] = [];
  private waiters: (() => void)[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.received.push(JSON.parse(String(data)) as ServerMessage);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  static async open(port: number): Promise<Client> {
    const client = new Client(new WebSocket(`ws://127.0.0.1:${port}/web/socket`));
    await once(client.ws, 'open');
    return client;
  }
  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
  private cursor = 0;
  /** The next `count` frames not yet returned, waiting for them if needed. */
  async next(count = 1): Promise<ServerMessage[]> {
    while (this.received.length < this.cursor + count)
      await new Promise<void>((wake) => this.waiters.push(wake));
    this.cursor += count;
    return this.received.slice(this.cursor - count, this.cursor);
  }
}

/** The real engine, recording what reaches it. */
let engine: Engine & { inputs: EngineInput[] };
let closeEngine: () => Promise<void>;
let web: Channel;
let http: HttpServer;
let port: number;
let base: string;

beforeAll(async () => {
  const real = await createTestEngine();
  closeEngine = real.close;
  const inputs: EngineInput[] = [];
  engine = {
    inputs,
    handle: (input) => {
      inputs.push(input);
      return real.engine.handle(input);
    },
    history: (id, limit) => real.engine.history(id, limit),
  };
  web = createWebChannel({ engine, secret });
  http = createHttpServer({ channels: [web], readiness: () => ({}), onShutdown: () => closeEngine() });
  ({ port } = await http.listen(0, '127.0.0.1'));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => http.close());

async function session(): Promise<SessionResponse> {
  return (await (await fetch(`${base}/web/session`, { method: 'POST' })).json()) as SessionResponse;
}

describe('web channel over a raw socket', () => {
  it('issues a fresh web: conversation and a token for it on every session request', async () => {
    const response = await fetch(`${base}/web/session`, { method: 'POST' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const [a, b] = [(await response.json()) as SessionResponse, await session()];
    expect(a.conversationId).toMatch(/^web:[\w-]{20,}$/);
    expect(a.conversationId).not.toBe(b.conversationId);
  });

  it('answers a complaint with the engine replies and passes a chosen option on', async () => {
    const { conversationId, token } = await session();
    const client = await Client.open(port);
    client.send({
      type: 'message',
      text: 'ギフト券の番号を入れたら「無効です」と出て登録できません',
      token,
      id: 'q1',
    });
    const [reply] = await client.next();
    if (reply?.type !== 'reply') throw new Error(`expected a reply, got ${JSON.stringify(reply)}`);
    expect(reply.replyTo).toBe('q1');
    expect(engine.inputs.at(-1)).toEqual({
      conversationId,
      text: 'ギフト券の番号を入れたら「無効です」と出て登録できません',
    });
    const option = reply.replies.at(-1)?.options[0];
    if (!option) throw new Error('the engine offered no option to choose');
    client.send({ type: 'choice', choice: option.id, token, id: 'q2' });
    expect((await client.next())[0]).toMatchObject({ type: 'reply', replyTo: 'q2' });
    expect(engine.inputs.at(-1)).toEqual({ conversationId, choice: option.id });
  });

  it('answers frames in the order they were sent and returns the stored history', async () => {
    const { token } = await session();
    const client = await Client.open(port);
    client.send({ type: 'message', text: 'アカウントの残高が減っています', token, id: '1' });
    client.send({ type: 'message', text: 'よくわかりません', token, id: '2' });
    client.send({ type: 'history', token, id: '3' });
    const frames = await client.next(3);
    expect(frames.map((f) => (f.type === 'push' ? null : f.replyTo))).toEqual(['1', '2', '3']);
    const [first, second, history] = frames;
    if (first?.type !== 'reply' || second?.type !== 'reply' || history?.type !== 'history') {
      throw new Error(`unexpected frames ${JSON.stringify(frames)}`);
    }
    expect(history.messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'アカウントの残高が減っています'],
      ...first.replies.map((r) => ['bot', r.text]),
      ['user', 'よくわかりません'],
      ...second.replies.map((r) => ['bot', r.text]),
    ]);
  });

  const forged = signSessionToken('web:someone-else', 'not-the-server-secret-0123456789', Date.now());
  const expired = signSessionToken('web:old', secret, Date.now() - 31 * 24 * 3600 * 1000);
  it.each([
    { name: 'a forged token', token: forged, code: 'invalid_token' },
    { name: 'an expired token', token: expired, code: 'expired_token' },
    { name: 'a token of garbage', token: 'hello', code: 'invalid_token' },
    { name: 'no token', token: undefined, code: 'missing_token' },
  ])('refuses $name with a clear error, and nothing reaches the engine', async ({ token, code }) => {
    const before = engine.inputs.length;
    const client = await Client.open(port);
    client.send({ type: 'message', text: '乗っ取りかもしれません', token, id: 'x' });
    client.send({ type: 'history', token, id: 'y' });
    const [refusal, second] = await client.next(2);
    expect(refusal).toMatchObject({ type: 'error', code, replyTo: 'x' });
    expect(refusal?.type === 'error' && refusal.message).toMatch(/セッション/);
    expect(second).toMatchObject({ type: 'error', code, replyTo: 'y' });
    expect(engine.inputs.length).toBe(before);
  });

  it.each([
    { name: 'text that is not JSON', frame: 'hello', code: 'bad_json' },
    { name: 'a JSON array', frame: '[1,2]', code: 'bad_message' },
    { name: 'an unknown type', frame: { type: 'hack', token: 'ok' }, code: 'bad_message' },
    {
      name: 'a text that is not a string',
      frame: { type: 'message', text: 42, token: 'ok' },
      code: 'bad_message',
    },
    { name: 'an empty text', frame: { type: 'message', text: '  \n ', token: 'ok' }, code: 'empty_text' },
    {
      name: 'a huge text',
      frame: { type: 'message', text: 'あ'.repeat(1001), token: 'ok' },
      code: 'text_too_long',
    },
    { name: 'an empty choice', frame: { type: 'choice', choice: '', token: 'ok' }, code: 'bad_message' },
  ])('answers $name with an error and keeps the socket open', async ({ frame, code }) => {
    const { token } = await session();
    const before = engine.inputs.length;
    const client = await Client.open(port);
    client.send(typeof frame === 'string' ? frame : { ...frame, token });
    const [error] = await client.next();
    expect(error).toMatchObject({ type: 'error', code });
    expect(engine.inputs.length).toBe(before);
    client.send({ type: 'history', token, id: 'still-there' });
    expect((await client.next())[0]).toMatchObject({ type: 'history', replyTo: 'still-there' });
  });

  it('refuses a binary frame', async () => {
    const client = await Client.open(port);
    client.ws.send(Buffer.from([1, 2, 3]));
    expect((await client.next())[0]).toMatchObject({ type: 'error', code: 'bad_message' });
  });

  it('cuts a frame far over the size limit by closing the socket with 1009', async () => {
    const client = await Client.open(port);
    const closed = once(client.ws, 'close');
    client.send({ type: 'message', text: 'x'.repeat(100_000), token: 't' });
    const [code] = await closed;
    expect(code).toBe(1009);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('delivers pushed replies to every open socket of that conversation and to no other', async () => {
    const mine = await session();
    const other = await session();
    const [tabA, tabB, stranger] = await Promise.all([
      Client.open(port),
      Client.open(port),
      Client.open(port),
    ]);
    tabA.send({ type: 'history', token: mine.token });
    tabB.send({ type: 'history', token: mine.token });
    stranger.send({ type: 'history', token: other.token });
    await Promise.all([tabA.next(), tabB.next(), stranger.next()]);

    await web.deliver(mine.conversationId, [{ text: '担当の者です。', options: [] }]);
    const push = { type: 'push', replies: [{ text: '担当の者です。', options: [] }] };
    expect((await tabA.next())[0]).toEqual(push);
    expect((await tabB.next())[0]).toEqual(push);
    stranger.send({ type: 'history', token: other.token, id: 'after' });
    expect((await stranger.next())[0]).toMatchObject({ type: 'history', replyTo: 'after' });
  });
});

describe('web channel under pressure', () => {
  async function heldServer() {
    const held = createFakeEngine();
    const release = held.hold();
    const channel = createWebChannel({ engine: held, secret, maxPendingPerSocket: 2 });
    const server = createHttpServer({ channels: [channel], readiness: () => ({}) });
    const { port: p } = await server.listen(0, '127.0.0.1');
    const token = signSessionToken('web:held', secret, Date.now());
    return { held, release, server, token, client: await Client.open(p) };
  }

  it('tells a socket with too many unanswered frames to wait, and answers the others', async () => {
    const { release, server, token, client } = await heldServer();
    for (const id of ['1', '2', '3']) client.send({ type: 'message', text: `質問${id}`, token, id });
    expect((await client.next())[0]).toMatchObject({ type: 'error', code: 'busy', replyTo: '3' });
    release();
    const answers = await client.next(2);
    expect(answers.map((a) => a.type === 'reply' && a.replyTo)).toEqual(['1', '2']);
    await server.close();
  });

  it('answers turns in flight before closing the sockets with 1001, and refuses new ones meanwhile', async () => {
    const { held, release, server, token, client } = await heldServer();
    const closed = once(client.ws, 'close');
    client.send({ type: 'message', text: '登録できません', token, id: 'inflight' });
    while (held.inputs.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const closing = server.close();
    client.send({ type: 'message', text: 'もう一つ', token, id: 'late' });
    expect((await client.next())[0]).toMatchObject({ type: 'error', code: 'shutting_down', replyTo: 'late' });
    release();
    expect((await client.next())[0]).toMatchObject({ type: 'reply', replyTo: 'inflight' });
    const [code] = await closed;
    expect(code).toBe(1001);
    await closing;
    expect(held.inputs).toHaveLength(1);
  });
});
