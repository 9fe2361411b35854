import { findGiftCodes } from '../../src/core/giftCodes.ts';
import type { Understanding } from '../../src/core/ports.ts';
import { TEXT_MOVES } from './flowEvents.ts';
import { makeReading } from './makeReading.ts';

/**
 * Reads the coverage test's move texts as their intended readings, and anything else as nothing
 * in particular (codes are still found). For engine tests that must not depend on the real NLU.
 */
export function fakeUnderstanding(): Understanding {
  const byText = new Map(TEXT_MOVES.map((m) => [m.text, m.reading]));
  return {
    read: (text) => ({ ...(byText.get(text) ?? makeReading({}, text)), codes: findGiftCodes(text) }),
  };
}

export const say = (name: string): string => {
  const move = TEXT_MOVES.find((m) => m.name === name);
  if (!move) throw new Error(`no move named ${name}`);
  return move.text;
};
