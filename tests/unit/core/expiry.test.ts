import { describe, expect, it } from 'vitest';
import type { CardType } from '../../../src/core/domain.ts';
import { expiryRange, expiryVerdict } from '../../../src/core/expiry.ts';

const day = (iso: string) => ({ from: iso, to: iso });

describe('expiry from issue date and card type', () => {
  it.each<[string, CardType | null, string]>([
    ['2017-04-24', 'email', '2027-04-24'], // on the rule date: ten years, whatever the type
    ['2019-06-01', 'sheet', '2029-06-01'],
    ['2017-04-23', 'email', '2018-04-23'], // the day before: e-mail type, one year
    ['2016-03-10', 'card', '2017-03-10'],
    ['2016-03-10', 'sheet', '2019-03-10'],
    ['2016-03-10', 'corporate', '2018-03-10'],
    ['2016-02-29', 'email', '2017-02-28'], // a leap day ends the day before 1 March
  ])('a card issued %s of type %s expires %s', (issued, type, expires) => {
    expect(expiryRange(day(issued), type)).toEqual(day(expires));
  });

  it('gives a range when the card type is unknown before the rule', () => {
    expect(expiryRange(day('2015-05-01'), null)).toEqual({ from: '2016-05-01', to: '2018-05-01' });
  });

  it('gives a range when the issue month straddles the rule date', () => {
    expect(expiryRange({ from: '2017-04-01', to: '2017-04-30' }, 'email')).toEqual({
      from: '2018-04-01',
      to: '2027-04-30',
    });
  });

  it.each([
    [day('2016-03-10'), 'card' as const, 'passed'],
    [day('2020-01-01'), null, 'valid'],
    [{ from: '2017-04-01', to: '2017-04-30' }, 'email' as const, 'unknown'],
    [null, 'email' as const, 'unknown'],
  ])('judges %j (%s) as %s on 2026-12-01', (issue, type, verdict) => {
    expect(expiryVerdict(issue, type, '2026-12-01')).toBe(verdict);
  });
});
