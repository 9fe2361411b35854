/** The card type of the pre-2017-04-24 expiry rule, from cue words (メールで届いた, 封筒, コンビニで印刷, 法人). */
import { CARD_TYPES, type CardType } from '../core/domain.ts';
import type { Tally } from './evidence.ts';

export function readCardType(t: Tally, minScore: number): CardType | null {
  let best: CardType | null = null;
  let bestScore = minScore - 1e-9;
  for (const type of CARD_TYPES) {
    const score = t.scores[type] ?? 0;
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}
