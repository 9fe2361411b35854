/**
 * The user moves the transition-coverage test makes: each has a Reading (what the NLU should
 * read) and a Japanese text that the real NLU must read the same way. Choices are sent as the
 * typed button label, so every step still goes through free text.
 */
import type { Reading } from '../../src/core/ports.ts';
import { makeReading } from './makeReading.ts';

export interface TextMove {
  name: string;
  text: string;
  reading: Reading;
}

const move = (name: string, text: string, patch: Parameters<typeof makeReading>[0]): TextMove => ({
  name,
  text,
  reading: makeReading(patch, text),
});

export const TEXT_MOVES: TextMove[] = [
  move('yes', 'はい、そうです', { answer: { answer: 'yes' } }),
  move('no', 'いいえ、違います', { answer: { answer: 'no' } }),
  move('unsure', 'うーん、ちょっとわからないです', { answer: { answer: 'unsure' } }),
  move('complaint_giftcard', 'ギフト券の番号を登録しようとしたらエラーになります', {
    complaint: { branch: 'giftcard' },
  }),
  move('complaint_account', 'アカウントのギフト券残高がいつの間にか減っています', {
    complaint: { branch: 'account' },
  }),
  move('complaint_unclear', 'ギフト券の残高が消えてしまいました', { complaint: { branch: 'unclear' } }),
  move('complaint_fraud', '買取サイトで買ったギフト券が登録できません', {
    complaint: { branch: 'giftcard', cause: 'fraud_frozen' },
  }),
  ...(
    [
      ['already_redeemed', 'giftcard', 'ギフト券を登録したら「すでに使用済み」と表示されました'],
      ['input_error', 'giftcard', 'ギフト券の番号を何度入れても無効な番号と言われます'],
      // A card being registered: a bare 期限切れで使えない is gift money of either kind (unclear).
      ['expired', 'giftcard', '昔もらったギフト券を登録しようとしたら期限切れと出ました'],
      ['system_error', 'giftcard', 'ギフト券の登録画面がエラーばかりで、みんな登録できないらしいです'],
      ['code_stolen', 'giftcard', '買ったギフト券の番号を誰かに先に登録されてしまいました'],
      ['auto_applied', 'account', '買い物をしたらギフト券残高が勝手に支払いに使われていました'],
      ['pending_order', 'account', 'まだ届いていない注文にギフト券残高が使われたままです'],
      ['cancel_refund_delay', 'account', '注文をキャンセルしたのにギフト券残高が戻ってきません'],
      ['expired', 'account', 'アカウントのギフト券残高が期限切れで消えていました'],
      ['fraud_frozen', 'account', 'アカウントがロックされてギフト券残高が使えません'],
      ['account_hacked', 'account', 'アカウントを不正利用されて残高がなくなりました'],
    ] as const
  ).map(([cause, branch, text]) =>
    move(`complaint_${branch}_${cause}`, text, { complaint: { branch, cause } }),
  ),
  move('greeting', 'こんにちは', { complaint: { branch: 'other' }, greetingOnly: true }),
  move('off_topic', '明日の天気を教えてください', { complaint: { branch: 'other' }, offTopic: true }),
  move('wants_human', '担当者と話したいです', { answer: { wantsHuman: true } }),
  move('restart', '最初からやり直したいです', { answer: { restart: true } }),
  move('takeover', 'アカウントが乗っ取られたみたいです', {
    complaint: { branch: 'account', cause: 'account_hacked' },
    takeover: true,
  }),
  move('date_after', '2019年5月に買いました', { date: { from: '2019-05-01', to: '2019-05-31' } }),
  move('date_before', '2016年3月に買いました', { date: { from: '2016-03-01', to: '2016-03-31' } }),
  move('date_straddle', '2017年4月ごろです', { date: { from: '2017-04-01', to: '2017-04-30' } }),
  move('card_sheet', 'コンビニで印刷したシートタイプです', { cardType: 'sheet' }),
  move('gibberish', 'ぬぬぬ', {}),
];
