/**
 * One HTTP server for every enabled channel, with liveness, readiness, JSON errors and a
 * shutdown that lets turns in flight finish before the store is closed.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Channel } from '../channels/channel.ts';

export interface HttpServerOptions {
  channels: Channel[];
  /** Each part that must be up before traffic is sent here: `{ tokenizer: true, store: false }`. */
  readiness: () => Record<string, boolean>;
  /** Runs once every channel has stopped (close the store here). */
  onShutdown?: () => Promise<void>;
  /** How long close() lets requests in flight run after the channels stopped. Default 5 s. */
  graceMs?: number;
  /** Unexpected errors (a 500); default console.error. */
  onError?: (error: unknown) => void;
}

export interface HttpServer {
  app: Express;
  server: Server;
  /** Mounts the channels (once), listens, then starts them. Port 0 picks a free port. */
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Idempotent: stop accepting, stop channels, drain, onShutdown. */
  close(): Promise<void>;
}

function clientStatus(error: unknown): number | null {
  const { status, statusCode } = (error ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : null;
}

function errorHandler(onError: (error: unknown) => void): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = clientStatus(error);
    if ((error as { type?: string }).type === 'entity.parse.failed') {
      res.status(400).json({ error: 'bad_json', message: 'The request body is not valid JSON.' });
    } else if (status !== null) {
      res.status(status).json({ error: 'bad_request', message: (error as Error).message || 'Bad request.' });
    } else {
      onError(error);
      res.status(500).json({ error: 'internal', message: 'Something went wrong on our side.' });
    }
  };
}

export function createHttpServer(opts: HttpServerOptions): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  const server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Once shutting down, every answer closes its connection, so that keep-alive does not hold us up.
  let draining = false;
  const answering = new Set<ServerResponse>();
  const hangUp = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };
  server.on('request', (_req, res: ServerResponse) => {
    if (draining) hangUp(res);
    answering.add(res);
    res.once('close', () => answering.delete(res));
  });
  const onError = opts.onError ?? ((error: unknown) => console.error(error));

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', (_req, res) => {
    const parts = opts.readiness();
    res.status(Object.values(parts).every(Boolean) ? 200 : 503).json(parts);
  });

  let mounted: Promise<void> | null = null;
  const mountAll = async () => {
    for (const channel of opts.channels) await channel.mount(app, server);
    // After the channels' routes, so that these only see what nobody else handled.
    app.use((req, res) => {
      res.status(404).json({ error: 'not_found', message: `No route for ${req.method} ${req.path}.` });
    });
    app.use(errorHandler(onError));
  };

  const listen = async (port: number, host: string) => {
    mounted ??= mountAll();
    await mounted;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    for (const channel of opts.channels) await channel.start?.();
    const address = server.address();
    return { port: typeof address === 'object' && address ? address.port : port };
  };

  const shutdown = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    draining = true;
    for (const res of answering) hangUp(res);
    server.closeIdleConnections();
    const stops = await Promise.allSettled(opts.channels.map((channel) => channel.stop()));
    for (const stop of stops) if (stop.status === 'rejected') onError(stop.reason);
    server.closeIdleConnections();
    const grace = setTimeout(() => {
      for (const socket of sockets) socket.destroy();
    }, opts.graceMs ?? 5000);
    grace.unref();
    await closed;
    clearTimeout(grace);
    await opts.onShutdown?.();
  };

  let closing: Promise<void> | null = null;
  return {
    app,
    server,
    listen,
    close: () => {
      closing ??= shutdown();
      return closing;
    },
  };
}
