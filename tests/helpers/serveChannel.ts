import type { Channel } from '../../src/channels/channel.ts';
import { createHttpServer, type HttpServer } from '../../src/server/httpServer.ts';

/** The real HTTP server with `channel` mounted, listening on a free loopback port. */
export async function serveChannel(channel: Channel): Promise<{ http: HttpServer; base: string }> {
  const http = createHttpServer({ channels: [channel], readiness: () => ({}) });
  const { port } = await http.listen(0, '127.0.0.1');
  return { http, base: `http://127.0.0.1:${port}` };
}
