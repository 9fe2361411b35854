import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLineProcess } from '../helpers/lineProcess.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'madoguchi-converse-'));

describe('npm run converse (JSON Lines contract)', () => {
  it('answers each turn with replies, asks, diagnosis and outcome, and carries on after bad lines', async () => {
    const p = startLineProcess('src/cli/converse.ts', { DATA_DIR: dataDir() });
    const first = JSON.parse(
      await p.ask(
        JSON.stringify({ conversationId: 'c1', text: '注文をキャンセルしたのにギフト券残高が戻ってこない' }),
      ),
    );
    expect(Object.keys(first).sort()).toEqual(['asks', 'conversationId', 'diagnosis', 'outcome', 'replies']);
    expect(first).toMatchObject({
      conversationId: 'c1',
      asks: 'cancel_refund_delay',
      outcome: 'open',
      diagnosis: { branch: 'account', cause: null },
    });
    expect(first.replies.at(-1).options.length).toBeGreaterThan(0);

    for (const bad of [
      'not json',
      '[1,2]',
      '{"text":"x"}',
      '{"conversationId":"c1","text":"x","extra":true}',
      '{"conversationId":"c1"}',
      '',
    ]) {
      const answer = JSON.parse(await p.ask(bad));
      expect(Object.keys(answer)).toEqual(['error']);
    }

    const diagnosed = JSON.parse(
      await p.ask(JSON.stringify({ conversationId: 'c1', text: 'はい、昨日キャンセルしました' })),
    );
    expect(diagnosed).toMatchObject({ asks: 'resolved', diagnosis: { cause: 'cancel_refund_delay' } });
    const done = JSON.parse(await p.ask(JSON.stringify({ conversationId: 'c1', choice: 'yes' })));
    expect(done).toMatchObject({ asks: null, outcome: 'resolved' });
    expect((await p.end()).code).toBe(0);
  }, 60_000);

  it('continues a conversation in a new process on the same data directory', async () => {
    const dir = dataDir();
    const a = startLineProcess('src/cli/converse.ts', { DATA_DIR: dir });
    const first = JSON.parse(
      await a.ask(JSON.stringify({ conversationId: 'c9', text: 'アカウントのギフト券残高が減ってる' })),
    );
    expect(first.asks).toBe('auto_applied');
    await a.end();
    const b = startLineProcess('src/cli/converse.ts', { DATA_DIR: dir });
    const next = JSON.parse(
      await b.ask(JSON.stringify({ conversationId: 'c9', text: 'いいえ、使われていません' })),
    );
    expect(next.asks).toBe('pending_order');
    await b.end();
  }, 60_000);
});

describe('npm run chat', () => {
  it('shows numbered options and takes a number as a button press', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/chat.ts'], {
      input: '同じギフト券をもう一度登録したら使用済みと出ました\n1\n1\n',
      env: { ...process.env, DATA_DIR: dataDir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toMatch(/\[1\] 追加されていた/);
    expect(out).toMatch(/2回目の登録でエラー/); // button 1 confirmed the already-redeemed cause
    expect(out).toMatch(/解決として終了/); // button 1 again: solved
  }, 60_000);
});
