/**
 * Issue or purchase dates in a normalised text (NFKC, kanji numerals already digits) as a range
 * of calendar days relative to `today`: 2016年3月 → 2016-03-01..2016-03-31, 平成28年, 3年前,
 * 去年の春, 先月, 2019/4/1, 2017年4月24日以降. The earliest expression in the text wins.
 * Ranges are clamped to today; one wholly in the future is not a purchase date (null).
 */
import type { DateRange } from '../core/ports.ts';

/** Open-ended ranges (…以前) start here: Amazon.co.jp gift cards did not exist before. */
export const EARLIEST_DATE = '2000-01-01';

interface Day {
  y: number;
  m: number;
  d: number;
}
type Range = [Day, Day];

const ERA_START: Record<string, number> = { 昭和: 1925, 平成: 1988, 令和: 2018, s: 1925, h: 1988, r: 2018 };
const SEASONS: Record<string, [number, number]> = {
  春: [3, 5],
  夏: [6, 8],
  秋: [9, 11],
  冬: [12, 14],
  年末: [12, 12],
  暮れ: [12, 12],
  年始: [1, 1],
  年明け: [1, 1],
  初め: [1, 3],
  始め: [1, 3],
  前半: [1, 6],
  後半: [7, 12],
};
const PARTS_OF_MONTH: Record<string, [number, number]> = {
  上旬: [1, 10],
  初め: [1, 10],
  頭: [1, 10],
  中旬: [11, 20],
  下旬: [21, 31],
  末: [21, 31],
};

function lastDayOf(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function day(y: number, m: number, d: number): Day | null {
  if (m < 1 || m > 12 || d < 1 || d > lastDayOf(y, m)) return null;
  return { y, m, d };
}
function fromDate(date: Date): Day {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}
function shift(base: Day, days: number): Day {
  return fromDate(new Date(Date.UTC(base.y, base.m - 1, base.d + days)));
}
function iso({ y, m, d }: Day): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
/** Months may run past 12 (冬 = 12..14): normalised here. */
function months(y: number, from: number, to: number): Range {
  const endY = y + Math.floor((to - 1) / 12);
  const endM = ((to - 1) % 12) + 1;
  return [
    { y, m: from, d: 1 },
    { y: endY, m: endM, d: lastDayOf(endY, endM) },
  ];
}
function year(y: number, part?: string): Range {
  const [from, to] = (part && SEASONS[part]) || [1, 12];
  return months(y, from, to);
}
function month(y: number, m: number, part?: string): Range | null {
  if (m < 1 || m > 12) return null;
  const [from, to] = (part && PARTS_OF_MONTH[part]) || [1, 31];
  return [
    { y, m, d: from },
    { y, m, d: Math.min(to, lastDayOf(y, m)) },
  ];
}
function exact(y: number, m: number, d: number): Range | null {
  const found = day(y, m, d);
  return found ? [found, found] : null;
}
/** A month (and day) without a year: its latest occurrence not after today. */
function latest(today: Day, m: number, d?: number): number {
  return m > today.m || (m === today.m && d !== undefined && d > today.d) ? today.y - 1 : today.y;
}
function relativeYear(word: string, today: Day): number {
  if (word === '一昨年' || word === 'おととし') return today.y - 2;
  if (word === '去年' || word === '昨年') return today.y - 1;
  return today.y;
}

type Rule = [RegExp, (m: RegExpExecArray, today: Day) => Range | null];
const n = (s: string | undefined) => Number(s ?? NaN);
const SEP = '[/.\\-]';
const PART = '(上旬|中旬|下旬|初め|頭|末)?';
const SEASON = '(春|夏|秋|冬|年末|暮れ|年始|年明け|初め|始め|前半|後半)?';
const ERA = '(平成|令和|昭和|(?<![a-z])[hrs])';

const RULES: Rule[] = [
  [
    new RegExp(`(\\d{4})(?:年|${SEP})(\\d{1,2})(?:月|${SEP})(\\d{1,2})日?`, 'g'),
    (m) => exact(n(m[1]), n(m[2]), n(m[3])),
  ],
  [
    new RegExp(`${ERA}(\\d{1,2})(?:年|${SEP})(\\d{1,2})(?:月|${SEP})(\\d{1,2})日?`, 'g'),
    (m) => exact((ERA_START[m[1] ?? ''] ?? NaN) + n(m[2]), n(m[3]), n(m[4])),
  ],
  [new RegExp(`(\\d{4})(?:年|${SEP})(\\d{1,2})月?の?${PART}`, 'g'), (m) => month(n(m[1]), n(m[2]), m[3])],
  [
    new RegExp(`${ERA}(\\d{1,2})年(\\d{1,2})月の?${PART}`, 'g'),
    (m) => month((ERA_START[m[1] ?? ''] ?? NaN) + n(m[2]), n(m[3]), m[4]),
  ],
  [/(?<!\d)(\d{2})年(\d{1,2})月/g, (m) => month(2000 + n(m[1]), n(m[2]))],
  [new RegExp(`(\\d{4})年の?${SEASON}`, 'g'), (m) => year(n(m[1]), m[2])],
  [
    new RegExp(`${ERA}(\\d{1,2})年の?${SEASON}`, 'g'),
    (m) => year((ERA_START[m[1] ?? ''] ?? NaN) + n(m[2]), m[3]),
  ],
  [
    /(一昨年|おととし|去年|昨年|今年)の?(\d{1,2})月(?:(\d{1,2})日)?/g,
    (m, t) => {
      const y = relativeYear(m[1] ?? '', t);
      return m[3] ? exact(y, n(m[2]), n(m[3])) : month(y, n(m[2]));
    },
  ],
  [
    new RegExp(`(一昨年|おととし|去年|昨年|今年)の?${SEASON}`, 'g'),
    (m, t) => year(relativeYear(m[1] ?? '', t), m[2]),
  ],
  [/(\d{1,2})年前/g, (m, t) => year(t.y - n(m[1]))],
  [
    /(\d{1,3})(?:ヶ|か|カ|ヵ|ケ|箇)月前/g,
    (m, t) => {
      const back = new Date(Date.UTC(t.y, t.m - 1 - n(m[1]), 1));
      return month(back.getUTCFullYear(), back.getUTCMonth() + 1);
    },
  ],
  [/(\d{1,2})週間前/g, (m, t) => [shift(t, -7 * n(m[1]) - 3), shift(t, -7 * n(m[1]) + 3)]],
  [/(\d{1,3})日前/g, (m, t) => [shift(t, -n(m[1])), shift(t, -n(m[1]))]],
  [
    /先々月|先月|今月/g,
    (m, t) => {
      const back = new Date(Date.UTC(t.y, t.m - 1 - (m[0] === '先々月' ? 2 : m[0] === '先月' ? 1 : 0), 1));
      return month(back.getUTCFullYear(), back.getUTCMonth() + 1);
    },
  ],
  [
    /先週|今週/g,
    (m, t) => {
      const weekday = (new Date(Date.UTC(t.y, t.m - 1, t.d)).getUTCDay() + 6) % 7; // Monday = 0
      const monday = shift(t, -weekday - (m[0] === '先週' ? 7 : 0));
      return [monday, shift(monday, 6)];
    },
  ],
  [
    /一昨日|おととい|昨日|きのう|今日|きょう/g,
    (m, t) => {
      const back =
        m[0] === '一昨日' || m[0] === 'おととい' ? -2 : m[0] === '昨日' || m[0] === 'きのう' ? -1 : 0;
      const d = shift(t, back);
      return [d, d];
    },
  ],
  [/(?<![\d年/.])(\d{1,2})月(\d{1,2})日/g, (m, t) => exact(latest(t, n(m[1]), n(m[2])), n(m[1]), n(m[2]))],
  [
    /(?<![\d年/.])(\d{1,2})\/(\d{1,2})(?![\d/])/g,
    (m, t) => exact(latest(t, n(m[1]), n(m[2])), n(m[1]), n(m[2])),
  ],
  [
    new RegExp(`(?<![\\d年/.ヶかカヵケ箇])(\\d{1,2})月の?${PART}`, 'g'),
    (m, t) => month(latest(t, n(m[1])), n(m[1]), m[2]),
  ],
];

const AFTER = /^(?:頃|ごろ|くらい|ぐらい)?(以降|以後|から|より後|よりあと|以前|より前|よりまえ|まで)/;

function todayOf(date: Date): Day {
  // Customers are in Japan: the calendar day is the one in Japan Standard Time (UTC+9, no DST).
  const time = date.getTime();
  return fromDate(new Date(Number.isFinite(time) ? time + 9 * 3600_000 : Date.now()));
}

export function readDate(text: string, today: Date): DateRange | null {
  return findDate(text, today)?.range ?? null;
}

/** The date range and the words it was read from. */
export function findDate(text: string, today: Date): { range: DateRange; words: string } | null {
  const now = todayOf(today);
  let best: { index: number; length: number; range: Range } | null = null;
  for (const [pattern, toRange] of RULES) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (best && (m.index > best.index || (m.index === best.index && m[0].length <= best.length))) continue;
      const range = toRange(m, now);
      if (range && Number.isFinite(range[0].y) && Number.isFinite(range[1].y)) {
        best = { index: m.index, length: m[0].length, range };
      }
    }
  }
  if (!best) return null;
  let [from, to] = best.range.map(iso) as [string, string];
  const todayIso = iso(now);
  if (from > todayIso) return null;
  const after = AFTER.exec(text.slice(best.index + best.length));
  const modifier = after?.[1];
  if (modifier && /以降|以後|から|後|あと/.test(modifier)) to = iso(now);
  else if (modifier) {
    to = modifier.startsWith('より') ? iso(shift(best.range[0], -1)) : to;
    from = EARLIEST_DATE;
  }
  if (to < from) return null;
  return {
    range: { from, to: to.localeCompare(todayIso) > 0 ? todayIso : to },
    words: text.slice(best.index, best.index + best.length + (after?.[0].length ?? 0)),
  };
}
