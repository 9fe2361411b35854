/**
 * The LINE channel end to end: signed webhooks to the real HTTP server, the SDK's middleware
 * verifying them, and the real MessagingApiClient talking HTTP to a local fake of api.line.me.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createLineChannel, LineChannelError, toLineMessages } from '../../src/channels/line.ts';
import type { Reply } from '../../src/core/ports.ts';
import type { HttpServer } from '../../src/server/httpServer.ts';
import {
  type FakeLineApi,
  LINE_PUSH_PATH,
  LINE_REPLY_PATH,
  startFakeLineApi,
} from '../helpers/fakeLineApi.ts';
import { RecordingEngine, useRealEngine } from '../helpers/recordingEngine.ts';
import { serveChannel } from '../helpers/serveChannel.ts';
import { lineSignature } from '../helpers/signing.ts';

const SECRET = 'line-channel-secret-for-tests';
const ACCESS_TOKEN = 'line-access-token-for-tests';
// A new user per test: the real engine keeps every conversation for the whole file.
let userSeq = 0;
let USER = 'U4af4980629b8b0a1c2d3e4f5a6b7c00';

const realEngine = useRealEngine();

let fake: FakeLineApi;
let engine: RecordingEngine;
let channel: Channel;
let http: HttpServer;
let base: string;
let logs: string[];

beforeEach(async () => {
  userSeq += 1;
  USER = `U4af4980629b8b0a1c2d3e4f5a6b7c${String(userSeq).padStart(2, '0')}`;
  fake = await startFakeLineApi();
  engine = new RecordingEngine(realEngine());
  logs = [];
  const logger = { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  channel = createLineChannel({
    engine,
    channelSecret: SECRET,
    channelAccessToken: ACCESS_TOKEN,
    apiBaseUrl: fake.url,
    logger,
  });
  ({ http, base } = await serveChannel(channel));
});

afterEach(async () => {
  await http.close();
  await fake.close();
});

let seq = 0;
function event(overrides: Record<string, unknown> = {}) {
  seq += 1;
  return {
    type: 'message',
    mode: 'active',
    timestamp: 1_700_000_000_000 + seq,
    source: { type: 'user', userId: USER },
    webhookEventId: `01HTESTEVENT${String(seq).padStart(14, '0')}`,
    deliveryContext: { isRedelivery: false },
    replyToken: `reply-token-${seq}`,
    message: {
      id: String(seq),
      type: 'text',
      quoteToken: `q${seq}`,
      text: 'ギフトカードの残高が反映されません',
    },
    ...overrides,
  };
}

async function postWebhook(body: unknown, opts: { signature?: string | null } = {}) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? lineSignature(SECRET, raw) : opts.signature;
  if (signature !== null) headers['x-line-signature'] = signature;
  return fetch(`${base}/line/webhook`, { method: 'POST', headers, body: raw });
}

const webhookOf = (...events: unknown[]) => ({ destination: 'Ubot0000', events });

describe('LINE channel', () => {
  it('answers a signed text message with the reply token, the options as quick replies', async () => {
    const e = event();
    const res = await postWebhook(webhookOf(e));
    expect(res.status).toBe(200);

    const [reply] = await fake.waitForCalls(LINE_REPLY_PATH, 1);
    expect(engine.inputs).toEqual([{ conversationId: `line:${USER}`, text: e.message.text }]);
    expect(reply?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    const replies = engine.results[0]?.replies ?? [];
    expect(reply?.body).toEqual({ replyToken: e.replyToken, messages: toLineMessages(replies) });
    const messages = reply?.body.messages as Array<{ text: string; quickReply?: { items: unknown[] } }>;
    expect(messages.map((m) => m.text)).toEqual(replies.map((r) => r.text));
    const withOptions = replies.findIndex((r) => r.options.length > 0);
    expect(withOptions).toBeGreaterThanOrEqual(0);
    expect(messages[withOptions]?.quickReply?.items).toEqual(
      replies[withOptions]?.options.map((o) => ({
        type: 'action',
        action: { type: 'postback', label: o.label, data: o.id, displayText: o.label },
      })),
    );
    expect(fake.callsTo(LINE_PUSH_PATH)).toEqual([]);
  });

  it('turns a postback into a choice and answers it with its reply token', async () => {
    await postWebhook(webhookOf(event()));
    await fake.waitForCalls(LINE_REPLY_PATH, 1);
    const offered = engine.results[0]?.replies.flatMap((r) => r.options)[0];
    if (!offered) throw new Error('the engine offered no options to tap');
    const postback = event({ type: 'postback', postback: { data: offered.id }, message: undefined });
    await postWebhook(webhookOf(postback));
    const [, reply] = await fake.waitForCalls(LINE_REPLY_PATH, 2);
    expect(engine.inputs[1]).toEqual({ conversationId: `line:${USER}`, choice: offered.id });
    expect(reply?.body).toEqual({
      replyToken: postback.replyToken,
      messages: toLineMessages(engine.results[1]?.replies ?? []),
    });
  });

  it.each([
    { what: 'a wrong signature', signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
    { what: 'a signature made with another secret', signature: lineSignature('another-secret', '{}') },
    { what: 'no signature', signature: null },
  ])('refuses $what with 401', async ({ signature }) => {
    const res = await postWebhook(webhookOf(event()), { signature });
    expect(res.status).toBe(401);
    await channel.stop();
    expect(engine.inputs).toEqual([]);
  });

  it('answers a redelivered event (same webhookEventId) exactly once', async () => {
    const e = event();
    await postWebhook(webhookOf(e));
    await fake.waitForCalls(LINE_REPLY_PATH, 1);
    const again = { ...e, deliveryContext: { isRedelivery: true } };
    expect((await postWebhook(webhookOf(again))).status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toHaveLength(1);
    expect(fake.callsTo(LINE_REPLY_PATH)).toHaveLength(1);
    expect(fake.callsTo(LINE_PUSH_PATH)).toEqual([]);
  });

  it('answers once when the same event comes twice in one request', async () => {
    const e = event();
    await postWebhook(webhookOf(e, { ...e, deliveryContext: { isRedelivery: true } }));
    await channel.stop();
    expect(engine.inputs).toHaveLength(1);
  });

  it('pushes to the user when LINE refuses the reply token', async () => {
    const e = event();
    fake.expiredReplyTokens.add(e.replyToken);
    await postWebhook(webhookOf(e));
    const [push] = await fake.waitForCalls(LINE_PUSH_PATH, 1);
    expect(fake.callsTo(LINE_REPLY_PATH)).toHaveLength(1);
    expect(push?.body).toEqual({ to: USER, messages: toLineMessages(engine.results[0]?.replies ?? []) });
  });

  it.each([
    { what: 'a sticker', message: { id: '1', type: 'sticker', packageId: '446', stickerId: '1988' } },
    { what: 'an image', message: { id: '2', type: 'image', contentProvider: { type: 'line' } } },
  ])('answers $what with a text-only reply and does not call the engine', async ({ message }) => {
    const e = event({ message });
    await postWebhook(webhookOf(e));
    const [reply] = await fake.waitForCalls(LINE_REPLY_PATH, 1);
    const messages = reply?.body.messages as Array<{ type: string; text: string }>;
    expect(reply?.body.replyToken).toBe(e.replyToken);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.type).toBe('text');
    await channel.stop();
    expect(engine.inputs).toEqual([]);
    expect(fake.calls.map((c) => c.path)).toEqual([LINE_REPLY_PATH]);
  });

  it.each([
    { what: 'a group message', overrides: { source: { type: 'group', groupId: 'Cgroup', userId: USER } } },
    { what: 'a room message', overrides: { source: { type: 'room', roomId: 'Rroom', userId: USER } } },
    { what: 'a standby-mode event', overrides: { mode: 'standby', replyToken: undefined } },
    { what: 'a follow', overrides: { type: 'follow', message: undefined, follow: { isUnblocked: false } } },
    { what: 'an unfollow', overrides: { type: 'unfollow', message: undefined, replyToken: undefined } },
  ])('ignores $what', async ({ overrides }) => {
    expect((await postWebhook(webhookOf(event(overrides)))).status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('skips what it cannot read in a webhook and answers the rest', async () => {
    const good = event();
    const res = await postWebhook(webhookOf(null, 42, event({ type: 'postback', message: undefined }), good));
    expect(res.status).toBe(200);
    await channel.stop();
    expect(engine.inputs).toEqual([{ conversationId: `line:${USER}`, text: good.message.text }]);
  });

  it("accepts the console's empty verification webhook", async () => {
    const res = await postWebhook(webhookOf());
    expect(res.status).toBe(200);
  });

  it('answers politely when the engine fails, and logs neither the text nor a code', async () => {
    engine.failWhen = () => true;
    const e = event({
      message: { id: '9', type: 'text', quoteToken: 'q', text: 'ABCD-EFGH-JKLM-NPQR が使えません' },
    });
    await postWebhook(webhookOf(e));
    const [reply] = await fake.waitForCalls(LINE_REPLY_PATH, 1);
    const messages = reply?.body.messages as Array<{ text: string }>;
    expect(messages[0]?.text).toMatch(/申し訳/);
    expect(logs.join('\n')).toContain(`line:${USER}`);
    expect(logs.join('\n')).not.toMatch(/ABCD|使えません/);
  });

  it.each([
    { what: 'broken JSON', body: '{"events":[', status: 400 },
    { what: 'JSON without events', body: '{"destination":"U1"}', status: 400 },
    { what: 'an empty body', body: '', status: 400 },
  ])('answers $what with $status and keeps serving', async ({ body, status }) => {
    const res = await postWebhook(body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/json/);
    await postWebhook(webhookOf(event()));
    await fake.waitForCalls(LINE_REPLY_PATH, 1);
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = JSON.stringify(
      webhookOf(event({ message: { type: 'text', id: '1', text: 'あ'.repeat(600_000) } })),
    );
    const res = await postWebhook(huge);
    expect(res.status).toBe(413);
  });

  it('delivers outside a turn with a push message', async () => {
    const agent: Reply[] = [
      { text: '担当の者です。状況を確認しました。', options: [{ id: 'ok', label: 'わかりました' }] },
    ];
    await channel.deliver(`line:${USER}`, agent);
    const [push] = fake.callsTo(LINE_PUSH_PATH);
    expect(push?.body).toEqual({ to: USER, messages: toLineMessages(agent) });
    expect(fake.callsTo(LINE_REPLY_PATH)).toEqual([]);
  });

  it.each([
    { channelSecret: '', channelAccessToken: ACCESS_TOKEN },
    { channelSecret: SECRET, channelAccessToken: '' },
  ])('cannot be built without both secrets', (secrets) => {
    expect(() => createLineChannel({ engine, ...secrets })).toThrow(LineChannelError);
  });

  it.each(['slack:T1:U1', 'line:', 'web:abc'])('refuses to deliver to %s', async (conversationId) => {
    await expect(channel.deliver(conversationId, [])).rejects.toBeInstanceOf(LineChannelError);
  });
});
