/** Whether human agents are at work at a given moment, by the BUSINESS_HOURS setting. */
import type { BusinessHours } from '../config.ts';

const clocks = new Map<string, Intl.DateTimeFormat>();

/** Minutes since midnight on the wall clock of `timeZone`. */
function minuteOfDay(at: Date, timeZone: string): number {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  const parts = clock.formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value);
  return hour * 60 + minute;
}

/** Opening minute included, closing minute excluded; `null` hours mean always open. */
export function isWithinBusinessHours(hours: BusinessHours | null, at: Date): boolean {
  if (hours === null) return true;
  const minute = minuteOfDay(at, hours.timeZone);
  const { openMinute: open, closeMinute: close } = hours;
  // Closing before opening spans midnight (22:00-06:00).
  return open < close ? minute >= open && minute < close : minute >= open || minute < close;
}
