/**
 * Server-Sent Events to every open console. Authenticated like the rest of the API (the page
 * reads the stream with fetch, so the token stays in a header and out of URLs and access logs).
 * A comment line every `heartbeatMs` keeps proxies from closing an idle stream.
 */
import type { Request, Response } from 'express';
import type { ConsoleEvent } from './consoleWire.ts';

export interface EventStream {
  /** The GET handler: holds the response open until the client leaves or close(). */
  subscribe(req: Request, res: Response): void;
  publish(event: ConsoleEvent): void;
  readonly size: number;
  /** Ends every stream; later subscribers are told to go away (503). */
  close(): void;
}

export function createEventStream(opts: { heartbeatMs?: number } = {}): EventStream {
  const clients = new Set<Response>();
  let nextId = 1;
  let closed = false;
  let heartbeat: NodeJS.Timeout | null = null;

  const write = (res: Response, chunk: string) => {
    if (!res.writableEnded) res.write(chunk);
  };
  const ensureHeartbeat = () => {
    if (heartbeat || clients.size === 0) return;
    heartbeat = setInterval(() => {
      for (const res of clients) write(res, ': keep-alive\n\n');
    }, opts.heartbeatMs ?? 25_000);
    heartbeat.unref();
  };
  const dropHeartbeat = () => {
    if (heartbeat && clients.size === 0) {
      clearInterval(heartbeat);
      heartbeat = null;
    }
  };

  return {
    get size() {
      return clients.size;
    },
    subscribe(_req, res) {
      if (closed) {
        res.status(503).json({ error: 'shutting_down', message: 'The server is restarting.' });
        return;
      }
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      // `retry` is for EventSource-style clients; `ready` tells the page it may refetch what it missed.
      write(res, 'retry: 3000\n\nevent: ready\ndata: {}\n\n');
      clients.add(res);
      ensureHeartbeat();
      // The response's close, not the request's: it fires when the client goes away.
      res.once('close', () => {
        clients.delete(res);
        dropHeartbeat();
      });
    },
    publish(event) {
      // One JSON line per event: JSON.stringify never emits a raw newline, so `data:` stays one line.
      const chunk = `id: ${nextId++}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
      for (const res of clients) write(res, chunk);
    },
    close() {
      closed = true;
      for (const res of clients) res.end();
      clients.clear();
      dropHeartbeat();
    },
  };
}
