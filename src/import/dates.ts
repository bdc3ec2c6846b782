/**
 * Dates as partner spreadsheets write them, to ISO `YYYY-MM-DD`:
 *   31/01/2024, 31-01-2024, 31.1.24, 1/31/2024 (with an explicit month-first order), 2024-01-31,
 *   2024/01/31, 20240131, 31-Jan-24, 31 January 2024, 31st Jan 2024, Wed 31 Jan 2024, January 31, 2024,
 *   Excel serial numbers (45322 = 2024-01-31, with Excel's fictional 29 February 1900), ISO timestamps
 *   (2024-07-31T23:20:00+00:00: the date as written, not shifted to another time zone), any of the
 *   above followed by a time ("31/01/2024 13:45").
 *
 * A value like 01/02/2024 is ambiguous (1 February or 2 January). It is never guessed: without an
 * explicit order it is reported as ambiguous, and `analyseDateColumn` tells the wizard whether a column
 * needs the analyst to choose (values such as 13/01/2024 settle the order for the whole column).
 *
 * Two-digit years: 00..(this year's two digits) are 20xx, later ones 19xx ("31/01/98" is 1998).
 */
import type { IsoDate } from '../domain/model';
import { daysInMonth } from '../domain/normalise';

export type DateOrder = 'dmy' | 'mdy';

export const DATE_ORDER_LABEL: Record<DateOrder, string> = {
  dmy: 'Day first (31/01/2024, UK)',
  mdy: 'Month first (01/31/2024, US)',
};

export type DateParse =
  | {
      ok: true;
      value: IsoDate;
      /** "HH:MM" or "HH:MM:SS" when the value carried a time. */
      time?: string;
      /** True when the value was read as an Excel serial number. */
      serial?: boolean;
    }
  | {
      ok: false;
      message: string;
      /** True when the value is a valid date in both orders and no order was given. */
      ambiguous?: boolean;
    };

export interface DateParseOptions {
  /** Day-first or month-first, for values like 01/02/2024. Without it such values are reported as ambiguous. */
  order?: DateOrder;
  /** Today's date (ISO): decides the century of two-digit years. Defaults to the local date. */
  today?: IsoDate;
  /** Read plain numbers as Excel serial dates (default true). */
  serials?: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH_NAME = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+/i;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const quote = (s: string): string => `"${s.trim()}"`;

/** The date `serial` days after Excel's epoch, honouring Excel's 1900 leap-year bug. Null out of 1..60000 or for serial 60. */
export function excelSerialToIso(serial: number): IsoDate | null {
  const day = Math.floor(serial);
  if (!Number.isFinite(day) || day < 1 || day > 60000 || day === 60) return null;
  // Serials 1..59 are 1900-01-01..1900-02-28; Excel then counts a 29 February 1900 (serial 60) that never
  // was, so from serial 61 (1900-03-01) the real date is one day earlier than the count says.
  const offset = day < 60 ? day : day - 1;
  const t = Date.UTC(1899, 11, 31) + offset * 86_400_000;
  const d = new Date(t);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function currentYear(today?: IsoDate): number {
  if (today && /^\d{4}/.test(today)) return Number(today.slice(0, 4));
  return new Date().getFullYear();
}

function fullYear(y: string, today?: IsoDate): number {
  if (y.length === 4) return Number(y);
  const yy = Number(y);
  const now = currentYear(today);
  const pivot = now % 100;
  const century = now - pivot;
  return yy <= pivot ? century + yy : century - 100 + yy;
}

function build(raw: string, y: number, m: number, d: number, time?: string): DateParse {
  if (m < 1 || m > 12) return { ok: false, message: `${quote(raw)} is not a real date: there is no month ${m}.` };
  if (y < 1) return { ok: false, message: `${quote(raw)} is not a real date: there is no year 0.` };
  const dim = daysInMonth(y, m);
  if (d < 1 || d > dim)
    return {
      ok: false,
      message:
        d > 31 || d < 1
          ? `${quote(raw)} is not a real date: there is no day ${d} in a month.`
          : `${quote(raw)} is not a real date: ${MONTH_NAME[m - 1]} ${y} has ${dim} days.`,
    };
  const value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  return time ? { ok: true, value, time } : { ok: true, value };
}

const TIME_TAIL = /(?:[\sT]+|,\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?\s*(am|pm)?\s*(?:z|utc|gmt|bst|[+-]\d{2}:?\d{2})?$/i;

function splitTime(text: string): { date: string; time?: string } | null {
  const m = TIME_TAIL.exec(text);
  if (!m) return { date: text };
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] !== undefined ? Number(m[3]) : undefined;
  const ampm = m[4]?.toLowerCase();
  if (ampm) {
    if (h < 1 || h > 12) return null;
    if (ampm === 'pm' && h < 12) h += 12;
    if (ampm === 'am' && h === 12) h = 0;
  }
  if (h > 23 || min > 59 || (s !== undefined && s > 59)) return null;
  const time = `${pad(h)}:${pad(min)}${s ? `:${pad(s)}` : ''}`;
  return { date: text.slice(0, m.index).trim(), time };
}

const HINT = 'use a date such as 31/01/2024, 2024-01-31 or 31-Jan-2024';

/** Reads one cell as a date. */
export function parseDateCell(raw: string, opts: DateParseOptions = {}): DateParse {
  const text = raw.trim();
  if (!text) return { ok: false, message: 'No date was given.' };

  // Plain numbers: a compact 20240131, a year on its own, or an Excel serial.
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    if (/^\d{8}$/.test(text)) {
      const y = Number(text.slice(0, 4));
      if (y >= 1900 && y <= 2100) return build(raw, y, Number(text.slice(4, 6)), Number(text.slice(6, 8)));
    }
    const n = Number(text);
    if (/^\d{4}$/.test(text) && n >= 1900 && n <= 2100)
      return { ok: false, message: `${quote(raw)} is only a year: give the full date (${HINT}).` };
    if (opts.serials !== false) {
      if (Math.floor(n) === 60)
        return { ok: false, message: `${quote(raw)} is Excel's serial number for 29 February 1900, a day that did not exist.` };
      const iso = excelSerialToIso(n);
      if (iso) {
        const frac = n - Math.floor(n);
        if (frac > 0) {
          const secs = Math.round(frac * 86400);
          const h = Math.floor(secs / 3600) % 24;
          const mi = Math.floor((secs % 3600) / 60);
          const s = secs % 60;
          return { ok: true, value: iso, time: `${pad(h)}:${pad(mi)}${s ? `:${pad(s)}` : ''}`, serial: true };
        }
        return { ok: true, value: iso, serial: true };
      }
    }
    return { ok: false, message: `${quote(raw)} is a number, not a date (${HINT}).` };
  }

  const split = splitTime(text);
  if (!split) return { ok: false, message: `${quote(raw)} has a time that is not a real time of day.` };
  const { date, time } = split;

  // ISO order: 2024-01-31, 2024/1/31, 2024.01.31.
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(date);
  if (m) return build(raw, Number(m[1]), Number(m[2]), Number(m[3]), time);

  // Numeric day and month in either order: 31/01/2024, 1-31-24, 31.1.2024.
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})$/.exec(date);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const y = fullYear(m[4] ?? '', opts.today);
    if (a > 12 && b > 12) return { ok: false, message: `${quote(raw)} is not a real date: neither ${a} nor ${b} can be a month.` };
    if (a > 12) return build(raw, y, b, a, time);
    if (b > 12) return build(raw, y, a, b, time);
    if (a === b) return build(raw, y, a, a, time);
    if (!opts.order) {
      const dmy = build(raw, y, b, a);
      const mdy = build(raw, y, a, b);
      const say = (r: DateParse): string => (r.ok ? longDate(r.value) : '');
      return {
        ok: false,
        ambiguous: true,
        message: `${quote(raw)} could be ${say(dmy)} or ${say(mdy)}: choose whether this column writes the day or the month first.`,
      };
    }
    return opts.order === 'dmy' ? build(raw, y, b, a, time) : build(raw, y, a, b, time);
  }

  // Month names: 31-Jan-24, 31 January 2024, 31st Jan. 2024, Wed 31 Jan 2024.
  const noWeekday = date.replace(WEEKDAYS, '');
  m = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+([a-z]+)\.?,?[\s\-/.]+(\d{2}|\d{4})$/i.exec(noWeekday);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month) return build(raw, fullYear(m[3] ?? '', opts.today), month, Number(m[1]), time);
    return { ok: false, message: `${quote(raw)} is not a date we can read: "${m[2]}" is not a month.` };
  }
  // January 31, 2024 / Jan 31 2024.
  m = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(noWeekday);
  if (m) {
    const month = MONTHS[(m[1] ?? '').toLowerCase()];
    if (month) return build(raw, Number(m[3]), month, Number(m[2]), time);
  }
  // Month and year only: not a date.
  if (/^(?:[a-z]+\.?[\s\-/]+\d{2,4}|\d{4}[-/]\d{1,2}|\d{1,2}[-/]\d{4})$/i.test(date))
    return { ok: false, message: `${quote(raw)} gives only a month: give the full date (${HINT}).` };
  return { ok: false, message: `${quote(raw)} is not a date we can read (${HINT}).` };
}

/** "2024-02-01" -> "1 February 2024". */
export function longDate(iso: IsoDate): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTH_NAME[(m ?? 1) - 1]} ${y}`;
}

export interface DateColumnAnalysis {
  /** True when some values read differently day-first and month-first and nothing in the column settles it: ASK. */
  ambiguous: boolean;
  /** The order the column's unambiguous values show (absent when none do, or when they disagree). */
  order?: DateOrder;
  /** What to offer first when asking: the column's evidence, else the UK's day-first. */
  suggested: DateOrder;
  /** True when values show both orders (13/01/2024 and 01/13/2024): a mixed column. */
  conflicting: boolean;
  /** Non-empty values looked at. */
  values: number;
  /** Values read as dates (counting ambiguous ones). */
  dates: number;
  /** Share of non-empty values that read as dates (0..1): tells a date column from another. */
  dateShare: number;
  /** Values read as Excel serial numbers, and how many of those are small (before 1910: probably not dates). */
  serials: number;
  smallSerials: number;
  examples: {
    /** Values that read both ways, e.g. "01/02/2024". */
    ambiguous: string[];
    /** Values that can only be day-first, e.g. "31/01/2024". */
    dayFirst: string[];
    /** Values that can only be month-first, e.g. "01/31/2024". */
    monthFirst: string[];
    /** Values that are not dates, with the reason. */
    unreadable: { value: string; message: string }[];
  };
}

/** Excel serials for dates before this are small numbers (an age, a year group, a count) far more often than dates. */
export const SMALL_SERIAL_BEFORE: IsoDate = '1910-01-01';

const NUMERIC_DM = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})(?:[\sT,].*)?$/;

/**
 * Looks at a column's values and says whether the wizard must ask for the date order. A column whose
 * numeric dates all have a day above 12 in the first place (31/01/2024) is day-first; one with values
 * above 12 in the second place is month-first; if it has values that read both ways (01/02/2024) and no
 * such evidence, or evidence both ways, it is ambiguous. Up to 5 examples of each kind are returned.
 */
export function analyseDateColumn(values: Iterable<string>, opts: { today?: IsoDate; limit?: number } = {}): DateColumnAnalysis {
  const ex = { ambiguous: [] as string[], dayFirst: [] as string[], monthFirst: [] as string[], unreadable: [] as { value: string; message: string }[] };
  let dmy = 0;
  let mdy = 0;
  let amb = 0;
  let count = 0;
  let dates = 0;
  let serials = 0;
  let smallSerials = 0;
  const limit = opts.limit ?? Infinity;
  const parseOpts: DateParseOptions = opts.today ? { today: opts.today } : {};
  for (const raw of values) {
    const v = raw.trim();
    if (!v) continue;
    if (count >= limit) break;
    count++;
    const r = parseDateCell(v, parseOpts);
    if (r.ok) {
      dates++;
      if (r.serial) {
        serials++;
        if (r.value < SMALL_SERIAL_BEFORE) smallSerials++;
      }
      const m = NUMERIC_DM.exec(v);
      if (m) {
        const a = Number(m[1]);
        const b = Number(m[3]);
        if (a > 12 && b <= 12) {
          dmy++;
          if (ex.dayFirst.length < 5) ex.dayFirst.push(v);
        } else if (b > 12 && a <= 12) {
          mdy++;
          if (ex.monthFirst.length < 5) ex.monthFirst.push(v);
        }
      }
    } else if (r.ambiguous) {
      dates++;
      amb++;
      if (ex.ambiguous.length < 5) ex.ambiguous.push(v);
    } else if (ex.unreadable.length < 5) ex.unreadable.push({ value: v, message: r.message });
  }
  const conflicting = dmy > 0 && mdy > 0;
  const evidence: DateOrder | undefined = conflicting ? undefined : dmy > 0 ? 'dmy' : mdy > 0 ? 'mdy' : undefined;
  const out: DateColumnAnalysis = {
    ambiguous: conflicting || (amb > 0 && !evidence),
    suggested: evidence ?? (conflicting && mdy > dmy ? 'mdy' : 'dmy'),
    conflicting,
    values: count,
    dates,
    dateShare: count ? dates / count : 0,
    serials,
    smallSerials,
    examples: ex,
  };
  if (evidence) out.order = evidence;
  return out;
}
