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
    ['12月に買いました', 'other'],
    ['ギフト券の登録ができません', 'other'],
  ])('reads %s as %s', (text, kind) => {
    expect(answer(text).answer).toBe(kind);
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
    ['いいえ。もう担当者につないでください', true, false],
    ['最初からやり直したい', false, true],
    ['やり直し', false, true],
    ['リセットして', false, true],
    ['他の人も同じエラーらしい', false, false],
    ['はい', false, false],
  ])('reads %s (person: %s, restart: %s)', (text, wantsHuman, restart) => {
    expect(answer(text)).toMatchObject({ wantsHuman, restart });
  });

  it('keeps the answer next to the wish', () => {
    expect(answer('いいえ。オペレーターにつないでください')).toMatchObject({
      answer: 'no',
      wantsHuman: true,
    });
  });
});
