/**
 * The widget's socket: opens lazily, reconnects with capped exponential backoff after a drop, and
 * queues frames while it is down. The token is added when a frame really leaves, so a frame queued
 * before a new session goes out with the new token.
 */
import type { ClientMessage, ServerMessage } from './protocol.ts';

export type Outgoing = ClientMessage extends infer M
  ? M extends ClientMessage
    ? Omit<M, 'token'>
    : never
  : never;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface ConnectionHandlers {
  token(): Promise<string>;
  /** Each time the socket opens; a frame returned goes out before the queued ones. */
  onOpen(first: boolean): Outgoing | null;
  onMessage(message: ServerMessage): void;
  onState(state: ConnectionState): void;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

export class ChatConnection {
  private socket: WebSocket | null = null;
  private readonly queue: Outgoing[] = [];
  private attempts = 0;
  private opened = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly url: string,
    private readonly handlers: ConnectionHandlers,
  ) {}

  start(): void {
    if (!this.socket && !this.timer) this.connect();
  }

  /** Not yet handed to a socket. */
  isQueued(id: string): boolean {
    return this.queue.some((frame) => frame.id === id);
  }

  /** Sends now when open, otherwise after the next (re)connection. */
  send(frame: Outgoing): void {
    this.queue.push(frame);
    void this.flush();
  }

  private connect(): void {
    this.timer = null;
    this.handlers.onState(this.opened ? 'reconnecting' : 'connecting');
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.attempts = 0;
      const first = !this.opened;
      this.opened = true;
      this.handlers.onState('open');
      const head = this.handlers.onOpen(first);
      if (head) this.queue.unshift(head);
      void this.flush();
    });
    socket.addEventListener('message', (event) => {
      try {
        this.handlers.onMessage(JSON.parse(String(event.data)) as ServerMessage);
      } catch {
        /* a frame we cannot read is dropped; the server only sends JSON */
      }
    });
    socket.addEventListener('close', () => {
      if (this.socket === socket) this.socket = null;
      this.retry();
    });
  }

  private retry(): void {
    if (this.timer) return;
    this.handlers.onState(this.opened ? 'reconnecting' : 'connecting');
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** this.attempts);
    this.attempts += 1;
    // Jitter, so that many widgets do not all come back at the same instant after a restart.
    this.timer = setTimeout(() => this.connect(), delay * (0.75 + Math.random() * 0.5));
  }

  private flushing = false;

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0 && this.socket?.readyState === WebSocket.OPEN) {
        const token = await this.handlers.token();
        const socket = this.socket;
        const frame = this.queue[0];
        if (!frame || socket?.readyState !== WebSocket.OPEN) break;
        socket.send(JSON.stringify({ ...frame, token }));
        this.queue.shift();
      }
    } catch {
      // No token (the session request failed): try again with the next reconnection.
      this.socket?.close();
    } finally {
      this.flushing = false;
    }
  }
}
