import type { DaySpan, OpeningHours } from '../contract/kiosk-settings.js';

/**
 * Opening hours as a pure function of the local clock: whether the exhibit
 * is open at `now`, and when that next changes. A day's span opens on that
 * weekday; a `close` before `open` runs past midnight into the next day; a
 * `close` equal to `open` means 24 hours from `open`; null is closed all day.
 * Disabled opening hours: always open. Local wall-clock times, so a
 * daylight-saving change moves the hours with the clock, as staff expect.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export function isOpen(now: Date, hours: OpeningHours): boolean {
  if (!hours.enabled) return true;
  return openSpans(now, hours).some(([from, to]) => from <= now.getTime() && now.getTime() < to);
}

/** When isOpen() next gives another answer; null when it never does (disabled, closed every day, open around the clock). */
export function nextOpeningChange(now: Date, hours: OpeningHours): Date | null {
  if (!hours.enabled) return null;
  const t = now.getTime();
  let next: number | undefined;
  for (const [from, to] of openSpans(now, hours)) {
    if (from > t) next = Math.min(next ?? from, from);
    else if (to > t) next = Math.min(next ?? to, to);
  }
  // Spans are built for a little over a week: a change further away than that is only the edge of what was built.
  return next === undefined || next - t > 7 * DAY_MS ? null : new Date(next);
}

/** Open spans [from, to) in ms from the day before `now` to eight days after, touching spans merged. */
function openSpans(now: Date, hours: OpeningHours): [number, number][] {
  const spans: [number, number][] = [];
  for (let k = -1; k <= 8; k++) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + k);
    const span = hours.days[day.getDay()];
    if (span) spans.push(spanOn(day, span));
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

function spanOn(day: Date, span: DaySpan): [number, number] {
  const [oh, om] = span.open.split(':').map(Number) as [number, number];
  const [ch, cm] = span.close.split(':').map(Number) as [number, number];
  const from = new Date(day.getFullYear(), day.getMonth(), day.getDate(), oh, om).getTime();
  const pastMidnight = ch * 60 + cm <= oh * 60 + om;
  const to = new Date(day.getFullYear(), day.getMonth(), day.getDate() + (pastMidnight ? 1 : 0), ch, cm).getTime();
  return [from, to];
}
