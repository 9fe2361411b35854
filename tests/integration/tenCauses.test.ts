/**
 * Each of the ten causes of domain.md is reached from a complaint written in free Japanese and
 * answered in free text: "はい" when the bot asks about that cause, "いいえ" to any other check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CauseId } from '../../src/core/domain.ts';
import { createTestEngine } from '../helpers/createTestEngine.ts';

let app: Awaited<ReturnType<typeof createTestEngine>>;
beforeAll(async () => {
  app = await createTestEngine();
});
afterAll(() => app.close());

const ACCOUNT_CAUSES: CauseId[] = ['auto_applied', 'pending_order', 'cancel_refund_delay', 'account_hacked'];

const CASES: [CauseId, string][] = [
  ['already_redeemed', 'ギフトカードを登録しようとしたら、このコードはすでに使われていますと出ました'],
  ['input_error', 'アマギフの番号を何回入れても無効ですと言われてしまいます'],
  ['expired', '引き出しから出てきた古いギフト券が使えません'],
  ['system_error', 'さっきからギフト券の登録ページがエラーになって進めません'],
  ['fraud_frozen', 'フリマアプリで買ったアマゾンギフト券が使えなくなりました'],
  ['code_stolen', 'コンビニで買ったギフト券を登録しようとしたら、別のアカウントで使用済みになっていた'],
  ['auto_applied', 'アカウントのギフト券残高が前より少なくなってる気がする'],
  ['pending_order', '予約した商品があるんですが、ギフト券残高が減ったままです'],
  ['cancel_refund_delay', '注文をキャンセルしたのに、使ったギフト券残高が戻ってきません'],
  ['account_hacked', 'ギフト券の残高が0円になっていて、身に覚えのない注文がありました'],
];

describe('the ten causes, in free text', () => {
  it.each(CASES)('reaches the diagnosis %s', async (cause, complaint) => {
    const conversationId = `ten-${cause}`;
    let r = await app.engine.handle({ conversationId, text: complaint });
    for (let turn = 0; turn < 12 && r.diagnosis.cause !== cause; turn++) {
      const branch = ACCOUNT_CAUSES.includes(cause) ? 'アカウントの残高です' : 'ギフト券の番号です';
      const answer = r.asks === cause ? 'はい、そうです' : r.asks === 'branch' ? branch : 'いいえ';
      r = await app.engine.handle({ conversationId, text: answer });
    }
    expect(r.diagnosis.cause).toBe(cause);
    expect(r.replies.length).toBeGreaterThan(0);
  });
});
