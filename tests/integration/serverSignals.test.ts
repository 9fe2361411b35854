import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A real process: the web channel on the fake engine, plus one channel whose stop may hang. */
function serverScript(stopHangs: boolean, timeoutMs: number): string {
  return `
import { createWebChannel } from '${root}src/channels/web.ts';
import { createHttpServer } from '${root}src/server/httpServer.ts';
import { installSignalHandlers } from '${root}src/server/installSignalHandlers.ts';
import { createFakeEngine } from '${root}tests/helpers/fakeEngine.ts';
const stuck = { name: 'stuck', mount() {}, async deliver() {}, stop: () => new Promise((r) => { if (!${stopHangs}) r(); }) };
const web = createWebChannel({ engine: createFakeEngine(), secret: 'k'.repeat(40) });
const http = createHttpServer({
  channels: [web, stuck],
  readiness: () => ({ ok: true }),
  onShutdown: async () => { process.stdout.write('store closed\\n'); },
});
const { port } = await http.listen(0, '127.0.0.1');
// A long linger: the process must end because nothing is left, not because it is forced.
installSignalHandlers(http, { log: () => {}, lingerMs: 60_000, timeoutMs: ${timeoutMs} });
process.stdout.write('port ' + port + '\\n');
`;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

async function launch(stopHangs: boolean, timeoutMs = 600_000) {
  const script = serverScript(stopHangs, timeoutMs);
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk;
  });
  while (!/port (\d+)/.test(output)) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const port = Number(/port (\d+)/.exec(output)?.[1]);
  return { child, port, output: () => output };
}

async function openSocket(port: number): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/web/socket`);
  await once(ws, 'open');
  return ws;
}

describe('installSignalHandlers', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s closes sockets and the store, and the process exits 0',
    async (signal) => {
      const { child, port, output } = await launch(false);
      const ws = await openSocket(port);
      const closed = once(ws, 'close');
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(output()).toContain('store closed');
      const [closeCode] = await closed;
      expect(closeCode).toBe(1001);
    },
  );

  it('exits at once on a second signal when shutdown is stuck', async () => {
    const { child, port } = await launch(true);
    const ws = await openSocket(port);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    // The web channel saying goodbye to its sockets shows the first signal is being handled.
    await once(ws, 'close');
    expect(child.exitCode).toBeNull();
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(130);
  });

  it('gives up a shutdown that never finishes and exits 1, without closing the store', async () => {
    const { child, output } = await launch(true, 300);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(1);
    expect(output()).not.toContain('store closed');
  });
});
