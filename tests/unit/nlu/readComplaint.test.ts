import { beforeAll, describe, expect, it } from 'vitest';
import type { Branch, CauseId } from '../../../src/core/domain.ts';
import { createUnderstanding, type NluUnderstanding } from '../../../src/nlu/createUnderstanding.ts';
import { realDictionaryFiles, TODAY } from './realDictionaries.ts';

let nlu: NluUnderstanding;
beforeAll(async () => {
  nlu = await createUnderstanding(realDictionaryFiles());
});
const complaint = (text: string) => nlu.read(text, TODAY).complaint;

describe('complaint branch and cause', () => {
  it.each<[string, string, Branch, CauseId | null]>([
    ['reads a failed registration as a gift card problem', 'ギフト券の登録ができません', 'giftcard', null],
    ['reads a vanished account balance as an account problem', 'アカウントの残高が減ってる', 'account', null],
    ['cannot tell code from balance in ギフト券の残高が消えた', 'ギフト券の残高が消えた', 'unclear', null],
    ['cannot tell code from balance in a bare アマギフ消えた', 'アマギフ消えた', 'unclear', null],
    ['routes a flea-market card to fraud_frozen', 'ラクマで買ったアマギフ', 'giftcard', 'fraud_frozen'],
    [
      'routes a resale site named by brand to fraud_frozen',
      'アマテンで購入したコードが使えない',
      'giftcard',
      'fraud_frozen',
    ],
    [
      'routes a buyback site to fraud_frozen',
      '買取サイトで買ったギフト券がエラー',
      'giftcard',
      'fraud_frozen',
    ],
    [
      'routes an account lock to fraud_frozen in the account branch',
      'アカウントがロックされました',
      'account',
      'fraud_frozen',
    ],
    [
      'routes a frozen account to fraud_frozen',
      'アカウントが凍結されて困っています',
      'account',
      'fraud_frozen',
    ],
    ['routes a suspended account to fraud_frozen', 'アカウントが停止された', 'account', 'fraud_frozen'],
    ['routes a takeover to account_hacked', '乗っ取られたかもしれない', 'account', 'account_hacked'],
    [
      'routes unknown orders to account_hacked',
      '身に覚えのない注文が入っていた',
      'account',
      'account_hacked',
    ],
    [
      'routes a changed password to account_hacked',
      'パスワードが変わっていてログインできない',
      'account',
      'account_hacked',
    ],
    ['routes a double press to already_redeemed', '二回押したかもしれない', 'giftcard', 'already_redeemed'],
    [
      'routes a late refund after cancelling to cancel_refund_delay',
      'キャンセルした注文の残高が戻らない',
      'account',
      'cancel_refund_delay',
    ],
    // An order alone (未発送の注文があります) is "other" by the labelling rules: the balance must come up.
    [
      'routes an unshipped order to pending_order',
      '残高が減ってて、未発送の注文があります',
      'account',
      'pending_order',
    ],
    [
      'routes a code used elsewhere to code_stolen',
      '登録していないのにギフト券が使用済みになっていた',
      'giftcard',
      'code_stolen',
    ],
    ['routes an old purchase date to expired', '3年前に買ったギフト券が使えない', 'giftcard', 'expired'],
    [
      'routes a malformed pasted code to input_error',
      'ＡＢＣＤ－１２３４５６－ＥＦＧＨ５',
      'giftcard',
      'input_error',
    ],
    [
      'routes an outage to system_error',
      'アマゾンの障害でギフト券が登録できないみたい',
      'giftcard',
      'system_error',
    ],
    [
      'routes balance spent at checkout to auto_applied',
      '支払いのときに勝手にギフト券残高が使われてた',
      'account',
      'auto_applied',
    ],
    ['keeps other shops out', 'iTunesカードが使えない', 'other', null],
    ['keeps the weather out', '天気教えて', 'other', null],
    ['keeps how-to-buy questions out', 'ギフト券の買い方を教えてください', 'other', null],
    ['keeps English-only texts out', 'my gift card is not working', 'other', null],
    [
      'reads hiragana written word by word',
      'ちゅうもん を とりけし ましたが ざんだか が もどって おりません',
      'account',
      'cancel_refund_delay',
    ],
  ])('%s', (_name, text, branch, cause) => {
    expect(complaint(text)).toMatchObject({ branch, cause });
  });
});

describe('negation', () => {
  it.each<[string, string, CauseId | null]>([
    ['登録していない is not 登録した', '登録していないのに使用済みと出た', 'code_stolen'],
    [
      '登録した is a forgotten registration, not a theft',
      '前に自分で登録したのを忘れてた',
      'already_redeemed',
    ],
    [
      '注文していない orders mean a takeover',
      '注文していない商品がアカウントで買われていた',
      'account_hacked',
    ],
    [
      'a cancellation that did not happen is no refund delay',
      'キャンセルはしていないけどアカウント残高が減った',
      null,
    ],
  ])('%s', (_name, text, cause) => {
    expect(complaint(text).cause).toBe(cause);
  });

  it('reads 登録できない and 登録できません alike', () => {
    expect(complaint('ギフト券が登録できない')).toMatchObject({ branch: 'giftcard' });
    expect(complaint('ギフト券が登録できません').evidence).toContain('登録できません');
  });
});

describe('expiry of a code and of a balance', () => {
  it.each<[string, string, Branch]>([
    ['a code being registered is the card', 'ギフトコードを入力したら期限切れと言われました', 'giftcard'],
    ['an expired card in hand is the card', '期限の過ぎたギフト券って延長してもらえる？', 'giftcard'],
    [
      'a balance already in the account is the account',
      'チャージ済みの残高が期限切れで減っていた',
      'account',
    ],
    ['registered money is the account', '登録したギフト券の残高が期限切れで消えた', 'account'],
    ['gift money without saying which stays open', 'ギフト券の残高が期限切れでなくなった？', 'unclear'],
  ])('%s', (_name, text, branch) => {
    expect(complaint(text)).toMatchObject({ branch, cause: 'expired' });
  });
});

describe('mechanisms that generalise', () => {
  it('matches a term across other tense and aspect auxiliaries (チャージしておいた残高)', () => {
    expect(complaint('チャージしておいた残高がいつのまにか消えてる').branch).toBe('account');
  });

  it('never matches a term across a clause link (登録したのに / 登録した残高)', () => {
    expect(complaint('ギフト券を登録したのに残高が0円のまま').branch).toBe('giftcard');
  });

  it('reads trying to put a code into the account as a registration', () => {
    expect(complaint('ギフト券をアカウントに入れようとしたら無効と出た').branch).toBe('giftcard');
  });

  it('finds a noun that kuromoji merges with its particle (誰か before が)', () => {
    expect(complaint('送ったコード、相手が入れる前に誰かが使ってた')).toMatchObject({
      branch: 'giftcard',
      cause: 'code_stolen',
    });
  });

  it.each<[string, string, Branch, CauseId | null]>([
    ['money that became unusable stays open', 'アマギフが使えなくなってしまった', 'unclear', null],
    [
      'a resale card whose money vanished stays open',
      'フリマで買ったアマギフが消えた',
      'unclear',
      'fraud_frozen',
    ],
    [
      'a family member who registered first',
      '妻が先に登録してたらしく使用済みと出る',
      'giftcard',
      'already_redeemed',
    ],
    [
      'a family member who took it without asking',
      '弟が勝手にコードを自分のアカウントに入れた',
      'giftcard',
      'code_stolen',
    ],
    [
      'an outage message',
      '登録すると「しばらくしてから再度お試しください」と出る',
      'giftcard',
      'system_error',
    ],
    ['a banned account', '垢BANされて残高が見れない', 'account', 'fraud_frozen'],
  ])('reads %s', (_name, text, branch, cause) => {
    expect(complaint(text)).toMatchObject({ branch, cause });
  });

  it.each<[string, string, Branch, CauseId]>([
    [
      'a code used by someone else is a card problem',
      'もらったeギフト、誰かに先に使われてた',
      'giftcard',
      'code_stolen',
    ],
    [
      'a blank registration page is a card problem',
      'ギフト券の登録画面が真っ白のまま',
      'giftcard',
      'system_error',
    ],
    [
      'orders placed by someone are a takeover',
      'アカウントで勝手に注文されてた',
      'account',
      'account_hacked',
    ],
  ])('lets a cause of one branch only settle the branch: %s', (_name, text, branch, cause) => {
    expect(complaint(text)).toMatchObject({ branch, cause });
  });

  it.each([
    ['a late delivery', '頼んだ商品がまだ届かない'],
    ['cancelling an order', '注文を取り消したいんですが'],
    ['a refund to a bank', '返金を銀行口座に振り込んでほしい'],
    ['a phone lock', 'スマホのロックが外れない'],
    ['another brand of card', 'クオカードの残りが使えない'],
    ['a forgotten password', 'パスワード忘れちゃった'],
  ])('keeps %s out when no gift money is named', (_name, text) => {
    expect(complaint(text).branch).toBe('other');
  });

  it('keeps an order complaint in when the balance is named', () => {
    expect(complaint('まだ届かない注文に残高が使われたまま').branch).toBe('account');
  });

  it.each([
    ['アカウントがロックされました', 'account'],
    ['垢が凍結された', 'account'],
    ['アカウント停止なう', 'account'],
  ])('reads the lock %s as fraud_frozen in the %s branch', (text, branch) => {
    expect(complaint(text)).toMatchObject({ branch, cause: 'fraud_frozen' });
  });
});

describe('normalisation', () => {
  it.each([
    ['half-width katakana', 'ｱﾏｷﾞﾌが登録できません'],
    // Registering names the card: a bare 使えない is gift money of either kind for some writers.
    ['full-width latin', 'ＡＭＡＺＯＮギフト券が登録できない'],
    ['アマゾンギフトカード', 'アマゾンギフトカードが登録できない'],
    ['ギフトコード in latin', 'amazonのギフトコードがエラーになる'],
    ['Kansai negation', 'ギフト券登録できひん'],
    ['Kansai polite negation', 'ギフト券の登録ができまへん'],
    ['a stretched Kanto negation', 'ギフト券の番号が使えねー'],
    ['an English word for expiry', 'expired って出てコードが入らない'],
  ])('reads %s as a gift card problem', (_name, text) => {
    expect(complaint(text).branch).toBe('giftcard');
  });

  it.each<[string, string, Branch, CauseId]>([
    [
      '知らんうちに reads as 知らないうちに',
      '知らんうちに買い物されとってアカウント残高がない',
      'account',
      'account_hacked',
    ],
    [
      '入れとらんのに as 登録してないのに',
      'わしは入れとらんのに、ギフト券がもう使われとる',
      'giftcard',
      'code_stolen',
    ],
    ['Kansai 買うた as 買った', '金券屋で買うたギフト券がはじかれる', 'giftcard', 'fraud_frozen'],
    ['English hacked', 'someone hacked my amazon account', 'account', 'account_hacked'],
  ])('folds dialect and English into the dictionary words: %s', (_name, text, branch, cause) => {
    expect(complaint(text)).toMatchObject({ branch, cause });
  });

  it.each([
    ['an outage word', 'アプリがクラッシュしてギフト券の登録ができない', 'system_error'],
    ['nothing happening', 'アマゾンダウンしてない？コード入れても何も起きん', 'system_error'],
    ['a camera that cannot read', 'スマホのカメラで読み込もうとしても読み取ってくれない', 'input_error'],
    ['a brand-new card already used', 'コンビニで買ってすぐ登録したのに使用済み', 'code_stolen'],
    ['the same code again', '同じコードもっかい入れたらもう使われてますって', 'already_redeemed'],
    ['an expiry topic-marked with って', 'ギフトコードの使用期限って過ぎたらどうにもならんの？', 'expired'],
    ['a code told to no one', 'ギフト券のコード、誰にも教えてないのに使用済み', 'code_stolen'],
  ])('reads %s as a gift card problem with its cause', (_name, text, cause) => {
    expect(complaint(text)).toMatchObject({ branch: 'giftcard', cause });
  });

  it('reads trying again and again as no double registration', () => {
    expect(complaint('登録のしかたがわからなくて何度もやったけどうまくいかない')).toMatchObject({
      branch: 'giftcard',
      cause: null,
    });
  });

  it('reads a hacked mail box that lost a code as a stolen code', () => {
    expect(complaint('Yahooメールが不正アクセスされて、そこにあったギフトコード取られた')).toMatchObject({
      branch: 'giftcard',
      cause: 'code_stolen',
    });
  });

  it.each([
    ['a refund of a card payment', 'クレジットカードで払った分の返金いつ？'],
    ['how to send a card', 'ギフト券をメールで友達に送るにはどうしたらええんや'],
    ['a refund of a convenience-store payment', 'コンビニ払いの返金ってどうなるん'],
    ['a return slip', '返品の送り状どこで印刷するの'],
  ])('keeps %s out', (_name, text) => {
    expect(complaint(text).branch).toBe('other');
  });
});

describe('evidence and confidence', () => {
  it('names the words that decided the branch and the cause', () => {
    const reading = complaint('メルカリで買ったギフト券が登録できない');
    expect(reading.evidence).toEqual(expect.arrayContaining(['メルカリ', '登録できない']));
  });

  it('is more confident when the signal is stronger', () => {
    const weak = complaint('ギフト券に入れたらエラー').confidence;
    const strong = complaint('ギフト券の番号を入力したらエラーで登録できない').confidence;
    expect(strong).toBeGreaterThan(weak);
    expect(strong).toBeLessThanOrEqual(1);
  });

  it('echoes the text as given', () => {
    expect(complaint('  ＡＭＡＺＯＮ  ').text).toBe('  ＡＭＡＺＯＮ  ');
  });
});
