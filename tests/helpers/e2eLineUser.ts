/**
 * A LINE user as LINE reports them to the app: signed webhook text events posted to
 * `/line/webhook`; what the app sent them, read from the fake Messaging API (replies with the
 * event's reply token, pushes outside a turn).
 */

import { within } from './e2eWait.ts';
import { type FakeLineApi, LINE_PUSH_PATH, LINE_REPLY_PATH, type LineApiCall } from './fakeLineApi.ts';
import { lineSignature } from './signing.ts';

export interface LineText {
  type: string;
  text: string;
}

export const lineTextsOf = (call: LineApiCall): string[] =>
  ((call.body.messages ?? []) as LineText[]).map((m) => m.text);

let seq = 0;

export interface E2eLineUser {
  userId: string;
  conversationId: string;
  /** Posts a signed text event; resolves with its reply token once the webhook answered 200. */
  send(text: string): Promise<string>;
  /** Sends and waits for the bot's reply to that event (its texts). */
  say(text: string): Promise<string[]>;
  /** The reply sent with `replyToken`, once it comes. */
  replyTo(replyToken: string): Promise<string[]>;
  /** The first push to this user, past or future, one of whose texts `match` accepts. */
  waitForPush(what: string, match: (text: string) => boolean): Promise<string[]>;
  /** Every reply made with one of these tokens so far. */
  repliesWith(tokens: string[]): LineApiCall[];
  pushes(): string[][];
}

/** `base` is read at each call, so the same user keeps working after a restart of the app. */
export function lineUser(
  fake: FakeLineApi,
  base: () => string,
  channelSecret: string,
  userId: string,
): E2eLineUser {
  const waitFor = (what: string, path: string, match: (call: LineApiCall) => boolean) =>
    within(
      what,
      (async () => {
        for (let count = 1; ; count++) {
          const calls = await fake.waitForCalls(path, count);
          const found = calls.find(match);
          if (found) return found;
          count = calls.length;
        }
      })(),
    );

  const user: E2eLineUser = {
    userId,
    conversationId: `line:${userId}`,
    async send(text) {
      seq += 1;
      const replyToken = `e2e-reply-token-${seq}`;
      const body = JSON.stringify({
        destination: 'Ue2ebot',
        events: [
          {
            type: 'message',
            mode: 'active',
            timestamp: Date.now(),
            source: { type: 'user', userId },
            webhookEventId: `01E2EEVENT${String(seq).padStart(16, '0')}`,
            deliveryContext: { isRedelivery: false },
            replyToken,
            message: { id: `m${seq}`, type: 'text', quoteToken: `q${seq}`, text },
          },
        ],
      });
      const res = await fetch(`${base()}/line/webhook`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-line-signature': lineSignature(channelSecret, body),
        },
        body,
      });
      if (res.status !== 200) throw new Error(`/line/webhook answered ${res.status}`);
      return replyToken;
    },
    async say(text) {
      return user.replyTo(await user.send(text));
    },
    async replyTo(replyToken) {
      const call = await waitFor(
        `the LINE reply to ${replyToken}`,
        LINE_REPLY_PATH,
        (c) => c.body.replyToken === replyToken,
      );
      return lineTextsOf(call);
    },
    async waitForPush(what, match) {
      const call = await waitFor(
        `a LINE push with ${what}`,
        LINE_PUSH_PATH,
        (c) => c.body.to === userId && lineTextsOf(c).some(match),
      );
      return lineTextsOf(call);
    },
    repliesWith: (tokens) =>
      fake.callsTo(LINE_REPLY_PATH).filter((c) => tokens.includes(String(c.body.replyToken))),
    pushes: () =>
      fake
        .callsTo(LINE_PUSH_PATH)
        .filter((c) => c.body.to === userId)
        .map(lineTextsOf),
  };
  return user;
}
