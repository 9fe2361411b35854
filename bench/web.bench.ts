/**
 * Many concurrent web chats over the socket, through the whole server (session, token gate,
 * Botkit adapter, engine). Each conversation opens its own socket and sends its turns one after
 * another, waiting for each answer; a reply that never comes or comes twice is counted.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { createWebChannel } from '../src/channels/web.ts';
import { createHttpServer } from '../src/server/httpServer.ts';
import type { ServerMessage, SessionResponse } from '../src/widget/protocol.ts';
import { createTestEngine } from '../tests/helpers/createTestEngine.ts';
import { percentile } from './percentile.ts';

const CONVERSATIONS = 200;
const TURNS = 5;
const TURN_TIMEOUT_MS = 10_000;
const DEADLINE_MS = 90_000;

const OPENERS = [
  'ギフト券の番号を入れたら「無効です」と出て登録できません',
  'アカウントのギフト残高がいつの間にか減っていました',
  'ギフトカードの残高が消えたみたいです',
  'もらったギフト券をチャージしたのに0円のままです',
];
const FOLLOW_UPS = ['はい', 'いいえ', 'よくわかりません', '昨日です'];

interface Tally {
  latencies: number[];
  lost: number;
  duplicated: number;
  errors: number;
  lastAnswerAt: number;
}

/** Opens the session and the socket; the returned function talks, so that every socket is open first. */
async function connect(
  base: string,
  index: number,
  tally: Tally,
): Promise<(deadline: number) => Promise<void>> {
  const { token } = (await (
    await fetch(`${base}/web/session`, { method: 'POST' })
  ).json()) as SessionResponse;
  const ws = new WebSocket(`${base.replace('http', 'ws')}/web/socket`);
  await once(ws, 'open');
  const answered = new Set<string>();
  const waiting = new Map<string, (message: ServerMessage) => void>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    const replyTo = message.type === 'push' ? null : message.replyTo;
    if (replyTo === null || answered.has(replyTo)) {
      tally.duplicated += 1;
      return;
    }
    answered.add(replyTo);
    waiting.get(replyTo)?.(message);
  });

  return async (deadline) => {
    let options: { id: string }[] = [];
    for (let turn = 0; turn < TURNS && performance.now() < deadline; turn += 1) {
      const id = `${index}-${turn}`;
      const option = options[turn % Math.max(1, options.length)];
      const frame =
        turn === 0
          ? { type: 'message', text: OPENERS[index % OPENERS.length] }
          : option
            ? { type: 'choice', choice: option.id }
            : { type: 'message', text: FOLLOW_UPS[(index + turn) % FOLLOW_UPS.length] };
      const started = performance.now();
      const answer = await new Promise<ServerMessage | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), TURN_TIMEOUT_MS);
        waiting.set(id, (message) => {
          clearTimeout(timer);
          resolve(message);
        });
        ws.send(JSON.stringify({ ...frame, token, id }));
      });
      if (answer === null) {
        tally.lost += 1;
        continue;
      }
      tally.lastAnswerAt = performance.now();
      tally.latencies.push(tally.lastAnswerAt - started);
      if (answer.type !== 'reply') {
        tally.errors += 1;
        options = [];
        continue;
      }
      options = answer.replies.at(-1)?.options ?? [];
    }
    // A late duplicate would arrive about now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    ws.close();
  };
}

export default async function (): Promise<Record<string, unknown>[]> {
  // The real engine on a SQLite file, as `npm start` runs it.
  const dataDir = mkdtempSync(join(tmpdir(), 'madoguchi-bench-web-'));
  const { engine, close } = await createTestEngine({ dataDir });
  const web = createWebChannel({ engine, secret: 'bench-secret-0123456789-0123456789-abc' });
  const http = createHttpServer({ channels: [web], readiness: () => ({}), onShutdown: close });
  const { port } = await http.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const tally: Tally = { latencies: [], lost: 0, duplicated: 0, errors: 0, lastAnswerAt: 0 };
  try {
    const connecting = performance.now();
    const talks = await Promise.all(Array.from({ length: CONVERSATIONS }, (_, i) => connect(base, i, tally)));
    const started = performance.now();
    await Promise.all(talks.map((talk) => talk(started + DEADLINE_MS)));
    const seconds = (tally.lastAnswerAt - started) / 1000;
    const sorted = [...tally.latencies].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 100) / 100;
    return [
      {
        benchmark: 'web chat: concurrent conversations over WebSocket',
        engine: 'real, SQLite',
        conversations: CONVERSATIONS,
        turnsPerConversation: TURNS,
        turns: tally.latencies.length,
        connectSeconds: round((started - connecting) / 1000),
        seconds: round(seconds),
        turnsPerSecond: round(tally.latencies.length / seconds),
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
        maxMs: round(sorted.at(-1) ?? Number.NaN),
        lost: tally.lost,
        duplicated: tally.duplicated,
        errorReplies: tally.errors,
      },
    ];
  } finally {
    await http.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
