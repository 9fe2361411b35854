import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
let child: ChildProcessWithoutNullStreams | null = null;

function startClassify(): { child: ChildProcessWithoutNullStreams; lines: Interface } {
  child = spawn('npx', ['tsx', 'src/cli/classify.ts'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  return { child, lines: createInterface({ input: child.stdout }) };
}

function nextLine(lines: Interface): Promise<string> {
  return new Promise((resolve) => lines.once('line', resolve));
}

// Ending stdin lets the CLI finish on its own: killing npx could leave its node child behind.
afterEach(async () => {
  const running = child;
  child = null;
  if (!running || running.exitCode !== null) return;
  const closed = new Promise((resolve) => running.on('close', resolve));
  running.stdin.end();
  await closed;
});

describe('npm run classify', () => {
  it('answers each line with one JSON line, in the same order', async () => {
    const inputs = [
      'アマギフ登録しようとしたら別のアカウントで登録済みって出た',
      '',
      'アカウントが乗っ取られた',
      'x'.repeat(20_000),
      '😀',
      'my gift card balance is gone',
    ];
    const { child, lines } = startClassify();
    const out: string[] = [];
    lines.on('line', (line) => out.push(line));
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.stdin.end(`${inputs.join('\n')}\n`);
    await closed;

    expect(out).toHaveLength(inputs.length);
    const parsed = out.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => p.text)).toEqual(inputs);
    for (const p of parsed) {
      expect(Object.keys(p)).toEqual(['text', 'branch', 'cause', 'confidence', 'evidence']);
    }
    expect(parsed[0]).toMatchObject({ branch: 'giftcard' });
    expect(parsed[1]).toEqual({ text: '', branch: 'other', cause: null, confidence: 0, evidence: [] });
    expect(parsed[2]).toMatchObject({ branch: 'account', cause: 'account_hacked' });
  });

  it('writes each answer before the next line arrives', async () => {
    const { child, lines } = startClassify();
    child.stdin.write('ギフト券が登録できない\n');
    expect(JSON.parse(await nextLine(lines))).toMatchObject({ branch: 'giftcard' });
    child.stdin.write('キャンセルしたのに残高が戻らない\n');
    expect(JSON.parse(await nextLine(lines))).toMatchObject({
      branch: 'account',
      cause: 'cancel_refund_delay',
    });
    child.stdin.end();
  });

  it('takes Windows line ends and a last line without one', async () => {
    const { child, lines } = startClassify();
    const out: string[] = [];
    lines.on('line', (line) => out.push(line));
    const closed = new Promise((resolve) => child.on('close', resolve));
    child.stdin.end('はい\r\nいいえ');
    await closed;
    expect(out.map((line) => (JSON.parse(line) as { text: string }).text)).toEqual(['はい', 'いいえ']);
  });
});
