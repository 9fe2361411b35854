import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for https://api.line.me that the real @line/bot-sdk MessagingApiClient talks
 * HTTP to. Answers reply, push and the loading animation; records every call.
 */
export interface LineApiCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeLineApi {
  /** Base URL to hand to the channel as `apiBaseUrl`. */
  url: string;
  calls: LineApiCall[];
  callsTo(path: string): LineApiCall[];
  waitForCalls(path: string, count: number): Promise<LineApiCall[]>;
  /** Reply tokens the fake treats as expired (400 Invalid reply token, as LINE answers). */
  expiredReplyTokens: Set<string>;
  close(): Promise<void>;
}

export const LINE_REPLY_PATH = '/v2/bot/message/reply';
export const LINE_PUSH_PATH = '/v2/bot/message/push';

export async function startFakeLineApi(): Promise<FakeLineApi> {
  const calls: LineApiCall[] = [];
  const waiters: Array<() => void> = [];
  const expiredReplyTokens = new Set<string>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      calls.push({ method: req.method ?? '', path, headers: req.headers, body });
      const [status, answer] = route(path, body, expiredReplyTokens);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const callsTo = (path: string) => calls.filter((c) => c.path === path);
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo,
    expiredReplyTokens,
    waitForCalls(path, count) {
      return new Promise((resolve) => {
        const check = () => {
          const found = callsTo(path);
          if (found.length >= count) resolve(found);
          else waiters.push(check);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

function route(path: string, body: Record<string, unknown>, expired: Set<string>): [number, unknown] {
  const sent = () => ({
    sentMessages: (Array.isArray(body.messages) ? body.messages : []).map((_, i) => ({
      id: String(1000 + i),
      quoteToken: `q${i}`,
    })),
  });
  switch (path) {
    case LINE_REPLY_PATH:
      if (typeof body.replyToken === 'string' && expired.has(body.replyToken)) {
        return [400, { message: 'Invalid reply token' }];
      }
      return [200, sent()];
    case LINE_PUSH_PATH:
      return [200, sent()];
    case '/v2/bot/chat/loading/start':
      return [202, {}];
    default:
      return [404, { message: 'Not found' }];
  }
}
