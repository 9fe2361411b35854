import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerKind } from '../../../src/core/ports.ts';
import { createUnderstanding, type NluUnderstanding } from '../../../src/nlu/createUnderstanding.ts';
import { realDictionaryFiles, TODAY } from './realDictionaries.ts';

let nlu: NluUnderstanding;
beforeAll(async () => {
  nlu = await createUnderstanding(realDictionaryFiles());
});
const answer = (text: string) => nlu.read(text, TODAY).answer;

describe('answers to check questions', () => {
  it.each<[string, AnswerKind]>([
    ['はい', 'yes'],
    ['うん', 'yes'],
    ['そう', 'yes'],
    ['そうです', 'yes'],
    ['あります', 'yes'],
    ['ある', 'yes'],
    ['見つかった', 'yes'],
    ['たぶん', 'yes'],
    ['たぶん2回押したかも', 'yes'],
    ['うーん、たぶん2回押したかも', 'yes'],
    ['かも', 'yes'],
    ['そうだと思う', 'yes'],
    ['はーい', 'yes'],
    ['いいえ', 'no'],
    ['ないです', 'no'],
    ['ない', 'no'],
    ['ありません', 'no'],
    ['違う', 'no'],
    ['ちゃうで', 'no'],
    ['してない', 'no'],
    ['押してないです', 'no'],
    ['覚えがない', 'no'],
    ['特にない', 'no'],
    ['たぶんない', 'no'],
    ['そうじゃない', 'no'],
    ['ないっす', 'no'],
    ['わからない', 'unsure'],
    ['わかりません', 'unsure'],
    ['わからん', 'unsure'],
    ['覚えてない', 'unsure'],
    ['不明', 'unsure'],
    ['確認できない', 'unsure'],
    ['うーん', 'other'],
    ['ありがとう', 'other'],
    ['ギフト券の登録ができません', 'other'],
  ])('reads %s as %s', (text, kind) => {
    expect(answer(text).answer).toBe(kind);
  });

  it.each<[string, string, AnswerKind]>([
    ['a polite past negative', '届いていませんでした', 'no'],
    ['ありません after a noun term', '思い当たる節はありません', 'no'],
    ['a plain past negative', '見つからなかったです', 'no'],
    ['a Kansai past negative', 'してへんかった', 'no'],
    ['a negation inside a complaint word', '残高は減ってなかったよ', 'no'],
    ['an affirmed past', 'ちゃんと届いてました', 'yes'],
    ['an affirmed perfect', '予約してあります', 'yes'],
    ['a done action with a verbal noun', '先月キャンセルしました', 'yes'],
    ['an affirmed past next to a complaint word', '注文履歴に載ってました', 'yes'],
    ['a hedged affirmation', 'あったような気がする', 'yes'],
    ['a hedge that stays unsure', '記憶が曖昧です', 'unsure'],
    ['a Kansai negation after て', 'そんなことしてへん', 'no'],
    ['a Kansai polite negative', '押してまへん', 'no'],
    ['a Kansai polite ありまへん', 'ありまへん', 'no'],
    ['a Hakata ない', 'なかとです', 'no'],
    ['a stretched colloquial negation', 'してねーよ', 'no'],
    ['a stretched particle that is no negation', 'あるねー', 'yes'],
    ['a western progressive negated', '誰にも見せとらん', 'no'],
    ['a Tohoku "don\'t know"', 'わがんね', 'unsure'],
    ['English mixed in', 'idk', 'unsure'],
    ['yes and no at once, then "don\'t know"', '記憶にないけど、あったかもしれんし…わからん', 'unsure'],
    ['a Kansai そう', 'ほうやね', 'yes'],
    ['a negator ん before です', '覚えとらんです', 'unsure'],
    ['a polite "cannot tell"', 'ちょっとわかりかねます', 'unsure'],
    ['a Hakata closing ばい', 'キャンセルしたばい', 'yes'],
    ['a western progressive', 'キャンセルしとる', 'yes'],
    ['a western progressive negated after し', '予約とかしとらんです', 'no'],
    ['a stretched negation after て', '一回も入れてねえ', 'no'],
    ['a statement verb said alone restates the question', '買いました。', 'yes'],
    ['an answer followed by when', '返品しました、一週間ほど前です。', 'yes'],
    ['a humble ございます', 'ございます。', 'yes'],
    ['a humble negation after a noun', '不審なものはございません', 'no'],
    ['a yes word that describes a noun', '心当たりのある注文ばかりで、不審なものはございません。', 'no'],
    ['a western progressive after a vowel stem', '前に入れとった', 'yes'],
    ['a northern "yes"', 'んだ', 'yes'],
    ['a katakana answer', 'ｲｲｴ', 'no'],
    ['a one-mark answer', '⭕️', 'yes'],
    ['a one-mark negative answer', '×', 'no'],
    ['a Hakata closing after a negator', 'わからんばい', 'unsure'],
    ['"I don\'t remember it"', '記憶にございません', 'unsure'],
    ['words written apart', 'おぼえて いません', 'unsure'],
    ['a no before a new clause written apart', '待ってる注文はない 全部届いた', 'no'],
    ['a Kyushu closing after a negation', '二回も押しとらんばい', 'no'],
    ['a done thing with a detail after よ', '返品したよ先週', 'yes'],
    ['a spaced negation that describes a noun', 'しらない 注文 ある', 'yes'],
    ['a spaced humble おります', 'もどって おりません', 'no'],
  ])('reads %s (%s) as %s', (_name, text, kind) => {
    expect(answer(text).answer).toBe(kind);
  });

  it.each<[string, string]>([
    ['what happened, not whether', '残高が消えました'],
    ['where the card came from', 'コンビニで買いました'],
    ['a request', '早く調べて'],
    ['a question back', '入ってました？'],
    ['a wish', '確認したいです'],
    ['a promise to check', '確認してまいります'],
    ['a Kansai question, not a negation', 'それより荷物いつ届くん'],
    ['the explanatory のだ closing a sentence', '残高が消えたんだ'],
    ['the Kansai adjective ええ ("enough")', 'もうええわ'],
    ['a courtesy with ございます', 'ありがとうございます'],
    ['a question asked back', 'どうすればいいの？'],
  ])('does not read %s (%s) as an answer', (_name, text) => {
    expect(answer(text).answer).toBe('other');
  });

  it('reads a negation that describes a noun as no answer of its own', () => {
    expect(answer('見覚えのない注文はありませんでした').answer).toBe('no');
    expect(answer('知らない商品はなかった').answer).toBe('no');
  });

  it('does not count the ない of わからない as a second, "no" answer', () => {
    expect(answer('わからない').evidence).toEqual(['わからない']);
  });
});

describe('wishes read anywhere', () => {
  it.each([
    ['担当者と話したい', true, false],
    ['オペレーターにつないで', true, false],
    ['人と話したいです', true, false],
    ['人間に代わって', true, false],
    ['有人対応お願いします', true, false],
    ['電話で話せる人いないの', true, false],
    ['いいえ。もう担当者につないでください', true, false],
    ['最初からやり直したい', false, true],
    ['やり直し', false, true],
    ['リセットして', false, true],
    ['他の人も同じエラーらしい', false, false],
    ['はい', false, false],
  ])('reads %s (person: %s, restart: %s)', (text, wantsHuman, restart) => {
    expect(answer(text)).toMatchObject({ wantsHuman, restart });
  });

  it('does not read the verb of a wish as a done action', () => {
    expect(answer('ちゃんとした人に代わってよ')).toMatchObject({ answer: 'other', wantsHuman: true });
  });

  it('keeps the answer next to the wish', () => {
    expect(answer('いいえ。オペレーターにつないでください')).toMatchObject({
      answer: 'no',
      wantsHuman: true,
    });
  });
});
