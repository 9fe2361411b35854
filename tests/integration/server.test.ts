import { createServer } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../src/channels/channel.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';

const open: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** A channel that records what the server asks of it, with a JSON route and a slow route. */
function probeChannel(events: string[]): Channel {
  return {
    name: 'probe',
    mount(app) {
      events.push('mount');
      app.post('/probe/json', express.json(), (req, res) => {
        res.json({ got: req.body });
      });
      app.get('/probe/slow', async (_req, res) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push('slow answered');
        res.json({ slow: true });
      });
      app.get('/probe/boom', () => {
        throw new Error('boom');
      });
    },
    async start() {
      events.push('start');
    },
    async deliver() {},
    async stop() {
      events.push('stop');
    },
  };
}

async function start(parts: Record<string, boolean> = { store: true }, events: string[] = []) {
  const errors: unknown[] = [];
  const http = createHttpServer({
    channels: [probeChannel(events)],
    readiness: () => parts,
    onShutdown: async () => {
      events.push('onShutdown');
    },
    onError: (error) => errors.push(error),
  });
  open.push(http);
  const { port } = await http.listen(0, '127.0.0.1');
  return { http, port, url: `http://127.0.0.1:${port}`, errors, events };
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

describe('createHttpServer', () => {
  it('answers /healthz whatever the readiness', async () => {
    const { url } = await start({ tokenizer: false });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
  });

  it('answers /readyz with 503 until every part is ready, then 200', async () => {
    const parts = { tokenizer: true, store: false };
    const { url } = await start(parts);
    const before = await fetch(`${url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({ tokenizer: true, store: false });
    parts.store = true;
    const after = await fetch(`${url}/readyz`);
    expect(after.status).toBe(200);
    expect(await after.json()).toEqual({ tokenizer: true, store: true });
  });

  it('answers an unknown route with a JSON 404', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it.each([
    { body: '{"broken": ', status: 400, error: 'bad_json' },
    { body: '{"ok": true}', status: 200, error: undefined },
  ])('answers $body with $status on a JSON route', async ({ body, status, error }) => {
    const { url } = await start();
    const response = await fetch(`${url}/probe/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(status);
    expect((await response.json()).error).toBe(error);
  });

  it('turns a failing route into a JSON 500, reports it, and keeps serving', async () => {
    const { url, errors } = await start();
    const response = await fetch(`${url}/probe/boom`);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: 'internal' });
    expect(errors).toHaveLength(1);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('mounts the channels before listening and starts them after', async () => {
    const { events } = await start();
    expect(events).toEqual(['mount', 'start']);
  });

  it('close() finishes a request in flight, stops the channels, then runs onShutdown', async () => {
    const { http, url, events } = await start();
    const slow = fetch(`${url}/probe/slow`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await http.close();
    expect(await (await slow).json()).toEqual({ slow: true });
    expect(events.indexOf('slow answered')).toBeLessThan(events.indexOf('onShutdown'));
    expect(events.indexOf('stop')).toBeLessThan(events.indexOf('onShutdown'));
  });

  it('close() really releases the port, even with an idle keep-alive connection', async () => {
    const { http, url, port } = await start();
    await fetch(`${url}/healthz`, { keepalive: true });
    expect(await portIsFree(port)).toBe(false);
    await http.close();
    expect(await portIsFree(port)).toBe(true);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('close() can be called twice and shuts down once', async () => {
    const { http, events } = await start();
    await Promise.all([http.close(), http.close()]);
    await http.close();
    expect(events.filter((e) => e === 'onShutdown')).toHaveLength(1);
  });
});
