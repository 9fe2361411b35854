import { describe, expect, it } from 'vitest';
import type { DictionaryFile } from '../../../src/nlu/parseDictionaries.ts';
import { validateDictionaries } from '../../../src/nlu/validateDictionaries.ts';
import { realDictionaryFiles } from './realDictionaries.ts';

const real = realDictionaryFiles();

/** The real dictionaries with one file replaced (or added), so only that file can be at fault. */
function withFile(name: string, text: string): DictionaryFile[] {
  return [...real.filter((f) => f.name !== name), { name, text }];
}

const lexicon = (terms: string, extra = '') => `kind: lexicon\nname: cardType\n${extra}terms:\n${terms}\n`;

describe('validateDictionaries', () => {
  it('finds nothing wrong with the repository dictionaries', () => {
    expect(validateDictionaries(real)).toEqual([]);
  });

  it('reads every yaml file under dictionaries/, examples included, sorted', () => {
    const names = real.map((f) => f.name);
    expect(names).toContain('dictionaries/complaint.yaml');
    expect(names).toContain('dictionaries/examples/complaints.heldout2.yaml');
    expect(names).toEqual([...names].sort());
  });

  it.each([
    [
      'a typo in a key',
      lexicon('  - { term: 封筒, scroes: { card: 1 } }'),
      'terms[0].scroes',
      /unknown key "scroes"/,
    ],
    [
      'an unknown score key',
      lexicon('  - { term: 封筒, scores: { crad: 1 } }'),
      'terms[0].scores.crad',
      /did you mean "card"/,
    ],
    [
      'a cause in the wrong lexicon',
      lexicon('  - { term: 封筒, scores: { expired: 1 } }'),
      'terms[0].scores.expired',
      /unknown key/,
    ],
    [
      'an empty term',
      lexicon('  - { term: "  ", scores: { card: 1 } }'),
      'terms[0].term',
      /must not be empty/,
    ],
    [
      'a weight that is not a number',
      lexicon('  - { term: 封筒, scores: { card: high } }'),
      'terms[0].scores.card',
      /number/,
    ],
    ['a term that does nothing', lexicon('  - { term: 封筒, scores: {} }'), 'terms[0].scores', /no scores/],
    [
      'the same spelling twice',
      lexicon(
        '  - { term: 封筒, scores: { card: 1 } }\n  - { term: 箱, forms: [封筒], scores: { card: 1 } }',
      ),
      'terms[1]',
      /already a term/,
    ],
    [
      'an unknown setting',
      lexicon('  - { term: 封筒, scores: { card: 1 } }', 'settings:\n  minScor: 1\n'),
      'settings.minScor',
      /did you mean "minScore"/,
    ],
    ['an unknown kind', 'kind: lexicom\nterms: []\n', 'kind', /Expected 'lexicon'/],
    [
      'an unknown lexicon name',
      'kind: lexicon\nname: weather\nterms:\n  - { term: 雨, scores: { x: 1 } }\n',
      'name',
      /Invalid option/,
    ],
  ])('reports %s with file and path', (_name, text, path, reason) => {
    const issues = validateDictionaries(withFile('dictionaries/broken.yaml', text));
    const issue = issues.find((i) => i.file === 'dictionaries/broken.yaml' && i.path === path);
    expect(issue?.reason).toMatch(reason);
  });

  it('reports broken YAML without throwing', () => {
    const issues = validateDictionaries(
      withFile('dictionaries/broken.yaml', 'kind: lexicon\nterms: [ {term: 箱\n'),
    );
    expect(issues.some((i) => i.file === 'dictionaries/broken.yaml' && i.reason.startsWith('YAML'))).toBe(
      true,
    );
  });

  it('gives the line of the problem', () => {
    const text = lexicon('  - { term: 封筒, scores: { card: 1 } }\n  - { term: 箱, scores: { crad: 1 } }');
    const issues = validateDictionaries(withFile('dictionaries/broken.yaml', text));
    expect(issues.find((i) => i.path === 'terms[1].scores.crad')?.reason).toMatch(/^line 5:/);
  });

  describe('examples', () => {
    const examples = (body: string) => `kind: complaint-examples\nsplit: train\nexamples:\n${body}\n`;

    it.each([
      [
        'an unknown branch',
        examples('  - { id: x1, text: 箱, branch: giftcrad, cause: null }'),
        'examples[0].branch',
        /Invalid option/,
      ],
      [
        'an unknown cause',
        examples('  - { id: x1, text: 箱, branch: giftcard, cause: stolen }'),
        'examples[0].cause',
        /Invalid option/,
      ],
      [
        'a cause of the other branch',
        examples('  - { id: x1, text: 箱, branch: giftcard, cause: auto_applied }'),
        'examples[0].cause',
        /does not belong to branch "giftcard"/,
      ],
      [
        'a cause on an off-topic text',
        examples('  - { id: x1, text: 箱, branch: other, cause: expired }'),
        'examples[0].cause',
        /allowed: none/,
      ],
      [
        'an empty text',
        examples('  - { id: x1, text: "", branch: other, cause: null }'),
        'examples[0].text',
        /must not be empty/,
      ],
      [
        'a missing cause',
        examples('  - { id: x1, text: 箱, branch: other }'),
        'examples[0]',
        /missing "cause"/,
      ],
      [
        'an id used twice',
        examples(
          '  - { id: x1, text: 箱, branch: other, cause: null }\n  - { id: x1, text: 袋, branch: other, cause: null }',
        ),
        'examples[1].id',
        /duplicate example id "x1"/,
      ],
      [
        'an id already used in another file',
        examples('  - { id: h001, text: 箱, branch: other, cause: null }'),
        'examples[0].id',
        /also in dictionaries\/examples/,
      ],
      [
        'an unknown answer kind',
        'kind: answer-examples\nsplit: train\nexamples:\n  - { id: x1, text: はい, answer: maybe }\n',
        'examples[0].answer',
        /Invalid option/,
      ],
    ])('reports %s', (_name, text, path, reason) => {
      const issues = validateDictionaries(withFile('dictionaries/zz-broken.yaml', text));
      expect(issues.find((i) => i.file === 'dictionaries/zz-broken.yaml' && i.path === path)?.reason).toMatch(
        reason,
      );
    });
  });

  it('reports a missing lexicon or negation file', () => {
    const issues = validateDictionaries(real.filter((f) => !/answer\.yaml|negation\.yaml/.test(f.name)));
    const reasons = issues.map((i) => i.reason);
    expect(reasons).toContain('no lexicon named "answer"');
    expect(reasons).toContain('no file of kind "negation"');
  });
});
