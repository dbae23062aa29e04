import { describe, expect, it } from 'vitest';
import type { DaySpan, OpeningHours } from '../../../../app/contract/kiosk-settings.js';
import { isOpen, nextOpeningChange } from '../../../../app/kiosk/opening-hours.js';

/** Local time: 2026-11-16 is a Monday (getDay() 1). */
const at = (day: number, hh: number, mm = 0): Date => new Date(2026, 10, 15 + day, hh, mm);
const week = (spans: Partial<Record<number, DaySpan | null>>, fallback: DaySpan | null = null): OpeningHours => ({
  enabled: true,
  days: Array.from({ length: 7 }, (_, d) => (d in spans ? (spans[d] ?? null) : fallback)),
});

describe('opening hours', () => {
  it('the calendar the tests assume', () => {
    expect(at(1, 12).getDay()).toBe(1);
    expect(at(0, 12).getDay()).toBe(0);
  });

  it('disabled: always open, never a change', () => {
    const hours: OpeningHours = { ...week({}), enabled: false };
    expect(isOpen(at(3, 3), hours)).toBe(true);
    expect(nextOpeningChange(at(3, 3), hours)).toBeNull();
  });

  it('a normal day: open from open, closed from close', () => {
    const hours = week({}, { open: '09:00', close: '18:00' });
    expect(isOpen(at(2, 8, 59), hours)).toBe(false);
    expect(isOpen(at(2, 9, 0), hours)).toBe(true);
    expect(isOpen(at(2, 17, 59), hours)).toBe(true);
    expect(isOpen(at(2, 18, 0), hours)).toBe(false);
    expect(nextOpeningChange(at(2, 8), hours)).toEqual(at(2, 9));
    expect(nextOpeningChange(at(2, 12), hours)).toEqual(at(2, 18));
    expect(nextOpeningChange(at(2, 20), hours)).toEqual(at(3, 9));
  });

  it('a span past midnight belongs to the day it opens', () => {
    // Fridays 18:00 to 02:00 (a museum night); closed otherwise.
    const hours = week({ 5: { open: '18:00', close: '02:00' } });
    expect(isOpen(at(5, 23), hours)).toBe(true);
    expect(isOpen(at(6, 1, 59), hours)).toBe(true);
    expect(isOpen(at(6, 2), hours)).toBe(false);
    expect(isOpen(at(5, 1), hours)).toBe(false);
    expect(nextOpeningChange(at(5, 23), hours)).toEqual(at(6, 2));
    expect(nextOpeningChange(at(6, 3), hours)).toEqual(at(12, 18));
  });

  it('days closed are skipped to the next open day', () => {
    // Closed Monday and Tuesday.
    const hours = week({ 1: null, 2: null }, { open: '10:00', close: '17:00' });
    expect(isOpen(at(1, 12), hours)).toBe(false);
    expect(isOpen(at(2, 12), hours)).toBe(false);
    expect(nextOpeningChange(at(0, 18), hours)).toEqual(at(3, 10));
  });

  it('closed every day: never open, never a change', () => {
    const hours = week({});
    expect(isOpen(at(4, 12), hours)).toBe(false);
    expect(nextOpeningChange(at(4, 12), hours)).toBeNull();
  });

  it('open around the clock (open equals close, spans touching): never a change', () => {
    const hours = week({}, { open: '00:00', close: '00:00' });
    expect(isOpen(at(4, 3), hours)).toBe(true);
    expect(nextOpeningChange(at(4, 3), hours)).toBeNull();
  });

  it('spans that touch over midnight make one opening, not a close and reopen', () => {
    // Saturday 20:00 to midnight, then Sunday from midnight to 03:00.
    const hours = week({ 6: { open: '20:00', close: '00:00' }, 0: { open: '00:00', close: '03:00' } });
    expect(nextOpeningChange(at(6, 21), hours)).toEqual(at(7, 3));
  });

  it('one open day a week: the next opening is six days and more away', () => {
    const hours = week({ 3: { open: '09:00', close: '12:00' } });
    expect(nextOpeningChange(at(3, 12), hours)).toEqual(at(10, 9));
  });
});
