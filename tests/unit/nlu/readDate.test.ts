import { describe, expect, it } from 'vitest';
import { normalizeSpelling } from '../../../src/nlu/normalizeText.ts';
import { EARLIEST_DATE, readDate } from '../../../src/nlu/readDate.ts';
import { TODAY } from './realDictionaries.ts';

// TODAY is 2024-06-15 (a Saturday) in Japan.
const read = (text: string) => readDate(normalizeSpelling(text), TODAY);

describe('readDate', () => {
  it.each([
    ['2016年3月に買いました', '2016-03-01', '2016-03-31'],
    ['２０１６年３月', '2016-03-01', '2016-03-31'],
    ['2019/4/1に届いた', '2019-04-01', '2019-04-01'],
    ['2019-04-01', '2019-04-01', '2019-04-01'],
    ['2016/3', '2016-03-01', '2016-03-31'],
    ['平成28年', '2016-01-01', '2016-12-31'],
    ['平成二十八年の夏', '2016-06-01', '2016-08-31'],
    ['H28.3.1', '2016-03-01', '2016-03-01'],
    ['令和元年5月', '2019-05-01', '2019-05-31'],
    ['16年3月ごろ', '2016-03-01', '2016-03-31'],
    ['3年前', '2021-01-01', '2021-12-31'],
    ['三年前にもらった', '2021-01-01', '2021-12-31'],
    ['3ヶ月前', '2024-03-01', '2024-03-31'],
    ['2週間前', '2024-05-29', '2024-06-04'],
    ['10日前', '2024-06-05', '2024-06-05'],
    ['去年の春', '2023-03-01', '2023-05-31'],
    ['去年の冬', '2023-12-01', '2024-02-29'],
    ['昨年の12月', '2023-12-01', '2023-12-31'],
    ['一昨年', '2022-01-01', '2022-12-31'],
    ['今年', '2024-01-01', '2024-06-15'],
    ['先月', '2024-05-01', '2024-05-31'],
    ['先々月', '2024-04-01', '2024-04-30'],
    ['先週', '2024-06-03', '2024-06-09'],
    ['昨日', '2024-06-14', '2024-06-14'],
    ['2019年4月下旬', '2019-04-21', '2019-04-30'],
    ['3月に買った', '2024-03-01', '2024-03-31'],
    ['12月に買った', '2023-12-01', '2023-12-31'],
    ['4/1', '2024-04-01', '2024-04-01'],
    ['2017年4月24日以降に買った', '2017-04-24', '2024-06-15'],
    ['2017年4月24日より前', EARLIEST_DATE, '2017-04-23'],
    ['2016年以前', EARLIEST_DATE, '2016-12-31'],
  ])('reads %s as %s..%s', (text, from, to) => {
    expect(read(text)).toEqual({ from, to });
  });

  it.each([
    ['no date at all', 'ギフト券が使えない'],
    ['an amount is not a date', '1万円分のギフト券'],
    ['a duration is not a date', '有効期限は10年です'],
    ['a date wholly in the future is not a purchase date', '2030年まで有効'],
  ])('finds nothing in %s', (_name, text) => {
    expect(read(text)).toBeNull();
  });

  it.each([
    ['an impossible day falls back to its month', '2023年2月30日', '2023-02-01', '2023-02-28'],
    ['an impossible month falls back to its year', '2023年13月', '2023-01-01', '2023-12-31'],
  ])('%s', (_name, text, from, to) => {
    expect(read(text)).toEqual({ from, to });
  });

  it('takes the first date when there are several', () => {
    expect(read('2016年に買って2020年に使おうとした')).toEqual({ from: '2016-01-01', to: '2016-12-31' });
  });

  it('reads the calendar day in Japan, whatever the clock of the machine', () => {
    // 16:00 UTC on the 15th is already the 16th in Japan.
    expect(readDate('昨日', new Date('2024-06-15T16:00:00Z'))).toEqual({
      from: '2024-06-15',
      to: '2024-06-15',
    });
  });
});
