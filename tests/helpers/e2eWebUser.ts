/**
 * A web chat user as the widget is one, without a browser: `POST /web/session` for a signed token,
 * then JSON frames on the socket at `/web/socket` (src/widget/protocol.ts). Keeps every frame it
 * receives; every wait is bounded.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import type {
  ClientMessage,
  ServerMessage,
  SessionResponse,
  WireHistoryEntry,
  WireReply,
} from '../../src/widget/protocol.ts';
import { within } from './e2eWait.ts';

type Answer = Extract<ServerMessage, { replyTo: string | null }>;

export class E2eWebUser {
  readonly frames: ServerMessage[] = [];
  #waiters: Array<() => void> = [];
  #seq = 0;

  private constructor(
    readonly session: SessionResponse,
    readonly ws: WebSocket,
  ) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerMessage);
      for (const wake of this.#waiters.splice(0)) wake();
    });
    ws.on('close', () => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** A new visitor: a fresh session from the server, and a socket. */
  static async start(baseUrl: string): Promise<E2eWebUser> {
    const response = await fetch(`${baseUrl}/web/session`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`POST /web/session answered ${response.status}`);
    return E2eWebUser.resume(baseUrl, (await response.json()) as SessionResponse);
  }

  /** The same visitor coming back (a reload, a server restart): the kept token on a new socket. */
  static async resume(baseUrl: string, session: SessionResponse): Promise<E2eWebUser> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/web/socket`);
    const user = new E2eWebUser(session, ws);
    await within('the web socket to open', once(ws, 'open'));
    return user;
  }

  get conversationId(): string {
    return this.session.conversationId;
  }

  /** Sends a message and resolves with the bot's answer to it (its replies; [] when the bot is silent). */
  async say(text: string): Promise<WireReply[]> {
    const answer = await this.#ask({ type: 'message', text });
    if (answer.type !== 'reply') throw new Error(`"${text}" was answered with ${JSON.stringify(answer)}`);
    return answer.replies;
  }

  async choose(choice: string): Promise<WireReply[]> {
    const answer = await this.#ask({ type: 'choice', choice });
    if (answer.type !== 'reply')
      throw new Error(`choice ${choice} was answered with ${JSON.stringify(answer)}`);
    return answer.replies;
  }

  /**
   * The stored conversation. Also a barrier: frames on one socket arrive in order, so every push
   * the server sent before this answer has been received once it resolves.
   */
  async history(): Promise<WireHistoryEntry[]> {
    const answer = await this.#ask({ type: 'history' });
    if (answer.type !== 'history') throw new Error(`history was answered with ${JSON.stringify(answer)}`);
    return answer.messages;
  }

  /** Every pushed reply (words that answer no frame: an agent, a notice), in order. */
  pushed(): WireReply[] {
    return this.frames.flatMap((f) => (f.type === 'push' ? f.replies : []));
  }

  /** The first pushed reply, past or future, whose text `match` accepts. */
  waitForPush(what: string, match: (text: string) => boolean): Promise<WireReply> {
    return within(
      `a push to the web user with ${what}`,
      this.#next(() => this.pushed().find((r) => match(r.text))),
    );
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    const closed = once(this.ws, 'close');
    this.ws.close();
    await within('the web socket to close', closed);
  }

  async #ask(frame: DistributiveOmit<ClientMessage, 'token' | 'id'>): Promise<Answer> {
    const id = `e2e-${++this.#seq}`;
    this.ws.send(JSON.stringify({ ...frame, token: this.session.token, id }));
    return within(
      `the answer to ${frame.type} frame ${id}`,
      this.#next(() =>
        this.frames.find((f): f is Answer => f.type !== 'push' && (f as Answer).replyTo === id),
      ),
    );
  }

  async #next<T>(find: () => T | undefined): Promise<T> {
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error('the web socket closed while waiting');
      await new Promise<void>((wake) => this.#waiters.push(wake));
    }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
