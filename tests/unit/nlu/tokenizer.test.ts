import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../../../src/nlu/tokenizer.ts';

describe('loadTokenizer', () => {
  it('loads kuromoji once: every caller, at once or later, gets the same tokenizer', async () => {
    const [a, b] = await Promise.all([loadTokenizer(), loadTokenizer()]);
    const later = await loadTokenizer();
    expect(a).toBe(b);
    expect(later).toBe(a);
    expect(
      a
        .tokenize('ギフト券')
        .map((t) => t.surface_form)
        .join(''),
    ).toBe('ギフト券');
  });
});
