/** Kanji numerals to Arabic digits, only where they count something (三年前, 二回, 平成二十八年). */

const DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

// A counter must follow (or an era precede) so that words like 一緒, 一部, 十分 stay untouched.
const COUNTED =
  /(平成|令和|昭和)?(?<![0-9０-９])([〇零一二三四五六七八九十百千万]+)(?=年|ヶ月|か月|カ月|ヵ月|ケ月|箇月|月|日|回|度|円|枚|週|時間|歳|才|件|段階|桁|文字|人|個|つ)/g;
const ERA_FIRST_YEAR = /(平成|令和|昭和)元年/g;

/** Value of a kanji numeral: positional (二〇一六) or with units (二千十六, 一万五千). */
export function kanjiToNumber(kanji: string): number | null {
  if (/^[〇零一二三四五六七八九]+$/.test(kanji) && kanji.length > 1) {
    return Number([...kanji].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of kanji) {
    const d = DIGITS[c];
    if (d !== undefined) {
      if (digit !== null) return null; // two bare digits in a row inside a unit numeral
      digit = d;
      continue;
    }
    const unit = UNITS[c];
    if (unit !== undefined) {
      section += (digit ?? 1) * unit;
      digit = null;
      continue;
    }
    if (c === '万') {
      total += (section + (digit ?? 0) || 1) * 10_000;
      section = 0;
      digit = null;
      continue;
    }
    return null;
  }
  return total + section + (digit ?? 0);
}

export function replaceKanjiNumbers(text: string): string {
  return text
    .replace(ERA_FIRST_YEAR, '$11年')
    .replace(COUNTED, (whole, era: string | undefined, kanji: string) => {
      const value = kanjiToNumber(kanji);
      return value === null ? whole : `${era ?? ''}${value}`;
    });
}
