import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPROMPT_ANSWER } from '../../../src/core/buildMachine.ts';
import { createEngine, FLOW_CHANGED_NOTICE, InvalidInputError } from '../../../src/core/engine.ts';
import type { FlowDefinition } from '../../../src/core/flowDefinition.ts';
import { loadFlow } from '../../../src/core/loadFlow.ts';
import type { ConversationStore, EngineInput, EngineNotice } from '../../../src/core/ports.ts';
import type { HandoffSummary } from '../../../src/core/summary.ts';
import { readFlowFiles } from '../../../src/readFlowFiles.ts';
import { MemoryStore } from '../../../src/store/memoryStore.ts';
import { SqliteStore } from '../../../src/store/sqliteStore.ts';
import { fakeUnderstanding, say } from '../../helpers/fakeUnderstanding.ts';

const flow = loadFlow(readFlowFiles('flows'));
const now = () => new Date('2026-12-01T03:00:00Z');

function engineWith(store: ConversationStore = new MemoryStore(), f: FlowDefinition = flow) {
  const handoffs: { id: string; summary: HandoffSummary }[] = [];
  const engine = createEngine({
    flow: f,
    understanding: fakeUnderstanding(),
    store,
    now,
    onNotice: (notice) => {
      if (notice.type === 'handoff.requested')
        handoffs.push({ id: notice.conversationId, summary: notice.summary });
    },
  });
  return { engine, store, handoffs };
}

const text = (conversationId: string, t: string): EngineInput => ({ conversationId, text: t });

describe('engine', () => {
  it('leads a gift card complaint to the already-redeemed diagnosis and its resolution', async () => {
    const { engine } = engineWith();
    const first = await engine.handle(text('c1', say('complaint_giftcard')));
    expect(first).toMatchObject({
      asks: 'already_redeemed',
      outcome: 'open',
      diagnosis: { branch: 'giftcard', cause: null },
    });
    expect(first.replies.at(-1)?.options.map((o) => o.id)).toEqual(['yes', 'no', 'unsure']);
    const diagnosed = await engine.handle(text('c1', say('yes')));
    expect(diagnosed).toMatchObject({ asks: 'resolved', diagnosis: { cause: 'already_redeemed' } });
    const done = await engine.handle({ conversationId: 'c1', choice: 'yes' });
    expect(done).toMatchObject({ asks: null, outcome: 'resolved', diagnosis: { cause: 'already_redeemed' } });
  });

  it('checks the cause the complaint points to first', async () => {
    const { engine } = engineWith();
    const first = await engine.handle(text('c1', say('complaint_fraud')));
    expect(first.asks).toBe('fraud_frozen');
  });

  it('asks the current question again for an empty text, saying nothing new', async () => {
    const { engine, store } = engineWith();
    const r = await engine.handle(text('c1', '  \u200b '));
    expect(r).toMatchObject({ asks: 'free_text', outcome: 'open' });
    expect(r.replies).toHaveLength(1);
    expect((await store.history('c1')).filter((m) => m.role === 'user')).toEqual([]);
  });

  it('answers an unreadable reply with a short reprompt and the question, without repeating explanations', async () => {
    const { engine } = engineWith();
    await engine.handle(text('c1', say('complaint_giftcard')));
    const diagnosed = await engine.handle(text('c1', say('yes')));
    expect(diagnosed.replies.length).toBeGreaterThan(1); // the explanation, then the question
    const again = await engine.handle(text('c1', say('gibberish')));
    expect(again.replies.map((r) => r.text)).toEqual([REPROMPT_ANSWER, diagnosed.replies.at(-1)?.text]);
    expect(again.asks).toBe('resolved');
  });

  it('masks codes, passwords and e-mail addresses before storing or answering', async () => {
    const { engine, store, handoffs } = engineWith();
    const secret = 'コードAQ3X-7RTK9P-M2ZQWが使えません。パスワードはhunter22、連絡はtaro@example.jp';
    await engine.handle(text('c1', secret));
    await engine.handle(text('c1', say('wants_human')));
    const r = await engine.handle(text('c1', say('yes')));
    expect(r.outcome).toBe('handoff');
    const stored = JSON.stringify([await store.history('c1'), await store.load('c1'), r, handoffs]);
    for (const clear of ['AQ3X', '7RTK9P', 'M2ZQW', 'hunter22', 'taro@example.jp'])
      expect(stored).not.toContain(clear);
    expect(stored).toContain('[ギフト券番号]');
  });

  it('hands over a summary of every check asked, with the answers', async () => {
    const { engine, handoffs } = engineWith();
    await engine.handle(text('c1', say('complaint_account')));
    await engine.handle(text('c1', say('no'))); // auto_applied
    await engine.handle(text('c1', say('no'))); // pending_order
    await engine.handle(text('c1', say('wants_human')));
    const r = await engine.handle({ conversationId: 'c1', choice: 'yes' });
    expect(r.outcome).toBe('handoff');
    expect(handoffs).toHaveLength(1);
    expect(handoffs[0]?.summary).toMatchObject({
      branch: 'account',
      checks: [
        { asks: 'free_text', answer: say('complaint_account') },
        { asks: 'auto_applied', answer: '使われていない' },
        { asks: 'pending_order', answer: 'ない' },
      ],
    });
    expect(r.replies.map((x) => x.text).join('\n')).toContain('未発送の注文 → ない');
  });

  it('goes straight to the urgent path on signs of a takeover, whatever the question', async () => {
    const { engine } = engineWith();
    await engine.handle(text('c1', say('complaint_giftcard')));
    const r = await engine.handle(text('c1', say('takeover')));
    expect(r).toMatchObject({ asks: 'handoff', diagnosis: { branch: 'account', cause: 'account_hacked' } });
  });

  it('stays silent while an agent holds the conversation and relays the user, with the summary', async () => {
    const notices: EngineNotice[] = [];
    const engine = createEngine({
      flow,
      understanding: fakeUnderstanding(),
      store: new MemoryStore(),
      now,
      onNotice: (n) => {
        notices.push(n);
      },
    });
    await engine.handle(text('c1', say('complaint_account')));
    await engine.handle(text('c1', say('wants_human')));
    await engine.handle({ conversationId: 'c1', choice: 'yes' });
    const joined = await engine.agent('c1', { type: 'agent.joined', agent: '佐藤' });
    expect(joined).toMatchObject({ accepted: true, phase: 'active', outcome: 'handoff' });
    const r = await engine.handle(text('c1', 'まだ残高が戻りません'));
    expect(r).toMatchObject({ replies: [], outcome: 'handoff' });
    expect(notices.at(-1)).toMatchObject({
      type: 'handoff.user_message',
      text: 'まだ残高が戻りません',
      summary: { branch: 'account' },
    });
    const refused = await engine.agent('c1', { type: 'agent.joined', agent: '田中' });
    expect(refused.accepted).toBe(false);
  });

  it('hands over the first words of a takeover complaint, urgent', async () => {
    const { engine, handoffs } = engineWith();
    await engine.handle(text('c1', say('takeover')));
    await engine.handle({ conversationId: 'c1', choice: 'yes' });
    expect(handoffs[0]?.summary).toMatchObject({
      complaint: say('takeover'),
      urgent: true,
      suspectedCause: 'account_hacked',
    });
  });

  it('starts over on request and forgets what was said', async () => {
    const { engine } = engineWith();
    await engine.handle(text('c1', say('complaint_account')));
    const r = await engine.handle(text('c1', say('restart')));
    expect(r).toMatchObject({ asks: 'free_text', diagnosis: { branch: null, cause: null } });
  });

  it('restarts politely when the flow changed since the conversation was saved', async () => {
    const store = new MemoryStore();
    await engineWith(store).engine.handle(text('c1', say('complaint_giftcard')));
    const changed = { ...flow, version: 'another-version' };
    const r = await engineWith(store, changed).engine.handle(text('c1', say('yes')));
    expect(r.replies[0]?.text).toBe(FLOW_CHANGED_NOTICE);
    expect(r.asks).toBe('free_text');
  });

  it.each([
    ['an unknown state', { value: 'no_such_state', status: 'active', context: {} }],
    ['a broken context', { value: 'check_auto_applied', status: 'active', context: { checked: 7 } }],
    ['not an object', 'garbage'],
  ])('restarts politely when a saved snapshot has %s', async (_name, snapshot) => {
    const store = new MemoryStore();
    await store.save({ id: 'c1', flowVersion: flow.version, snapshot, updatedAt: 0 });
    const r = await engineWith(store).engine.handle(text('c1', say('complaint_account')));
    expect(r.replies[0]?.text).toBe(FLOW_CHANGED_NOTICE);
  });

  it.each([
    [{ text: 'x' }, /conversationId/],
    [{ conversationId: '', text: 'x' }, /conversationId/],
    [{ conversationId: 'c1' }, /text or choice/],
  ])('refuses %j with a clear error', async (input, message) => {
    const { engine } = engineWith();
    await expect(engine.handle(input as EngineInput)).rejects.toThrowError(InvalidInputError);
    await expect(engine.handle(input as EngineInput)).rejects.toThrowError(message);
  });

  it('continues a conversation after the SQLite file is closed and reopened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-engine-'));
    const first = engineWith(SqliteStore.open(dir));
    await first.engine.handle(text('c1', say('complaint_account')));
    await first.store.close();
    const second = engineWith(SqliteStore.open(dir));
    const r = await second.engine.handle(text('c1', say('no')));
    expect(r.asks).toBe('pending_order');
    expect((await second.store.history('c1')).filter((m) => m.role === 'user').map((m) => m.text)).toEqual([
      say('complaint_account'),
      say('no'),
    ]);
    await second.store.close();
  });

  it('applies concurrent turns of one conversation in arrival order', async () => {
    const { engine, store } = engineWith();
    const turns = [say('complaint_account'), say('no'), say('no'), say('no')].map((t) =>
      engine.handle(text('c1', t)),
    );
    const results = await Promise.all(turns);
    expect(results.map((r) => r.asks)).toEqual([
      'auto_applied',
      'pending_order',
      'cancel_refund_delay',
      'expired',
    ]);
    expect((await store.history('c1')).filter((m) => m.role === 'user')).toHaveLength(4);
  });

  it('does not make one conversation wait for another', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const inner = new MemoryStore();
    // The store stalls every load of conversation "slow" until the test opens the gate.
    const store: ConversationStore = {
      load: async (id) => {
        if (id === 'slow') await gate;
        return inner.load(id);
      },
      save: (r) => inner.save(r),
      appendMessages: (m) => inner.appendMessages(m),
      history: (id, limit) => inner.history(id, limit),
      close: () => inner.close(),
    };
    const { engine } = engineWith(store);
    const slow = engine.handle(text('slow', say('complaint_account')));
    const fast = await engine.handle(text('fast', say('complaint_account')));
    expect(fast.asks).toBe('auto_applied');
    let slowDone = false;
    void slow.then(() => {
      slowDone = true;
    });
    await Promise.resolve();
    expect(slowDone).toBe(false);
    release();
    expect((await slow).asks).toBe('auto_applied');
  });
});
