// Timestamps as written in one line of a postmortem: found syntactically with exact UTF-16 ranges,
// checked against the calendar, and rewritable in the author's own format. What a stamp means in its
// document (a declared zone, the date of a day heading) is for the caller to decide.
import { sharedList } from './shared-values';
import { isDigit, isLetter, isLower, isUpper, isWord } from './text';

export interface StampZone {
  text: string;
  start: number;
  end: number;
  /** Copied from the other end of a written range; start/end are then that zone's offsets. */
  implied?: boolean;
}

/** How a stamp was written: enough for formatStampLike to write another value the same way. */
export interface StampStyle {
  /**
   * The stamp without its zone, each part replaced by a token: {yyyy} {M} {MM} {MMM} {MMMM} {d} {dd}
   * {do} (28th) {EEE} {EEEE} {H} {HH} {h} {hh} {mm} {ss}, meridiem {A} {a} {A.} {a.}; names in capitals {MMMU}
   * {MMMMU} {EEEU} {EEEEU} {doU} (28TH); the rest is literal.
   */
  pattern: string;
  /** Where the zone is: attached (`Z`, `+01:00`), a word after (` UTC`), in parentheses, before the time. */
  zone: 'none' | 'attached' | 'word' | 'paren' | 'prefix';
  /** Whitespace between the zone and the rest of the stamp. */
  zoneGap: string;
  /** ISO 8601 (date and time joined by `T`): UTC is written `Z`. */
  iso: boolean;
}

export interface StampParts {
  /** UTF-16 offsets in the scanned text, half-open; brackets and emphasis markers around the stamp are outside. */
  start: number;
  end: number;
  text: string;
  /** `year` is absent when not written ("November 10", "03-26 23:04"); `implied` when copied from a range's start. */
  date?: { readonly year?: number; readonly month: number; readonly day: number; readonly implied?: boolean };
  /** 1 = Monday … 7 = Sunday, when the text names a weekday. */
  weekday?: number;
  /** 24-hour clock. Dates, times, zones and styles are shared between stamps: never changed in place. */
  time?: { readonly hour: number; readonly minute: number; readonly second?: number };
  zone?: StampZone;
  precision: 'day' | 'hour' | 'minute' | 'second';
  /** Why this is not a real date or time; the parts above are then best effort. */
  invalid?: string;
  style: Readonly<StampStyle>;
}

/** Indices into `stamps` of a written range: "A - B", "from A to B", "between A and B". */
export interface StampRange {
  from: number;
  to: number;
}

export interface ScanOptions {
  /** The text is a whole field value or table time cell: a leading bare "1600" or "11.50" is a time. */
  timeField?: boolean;
}

/** Offset and DST are absent for generic names (PT, ET, PST/PDT): they follow the date. */
export interface ZoneAbbreviation {
  iana: string;
  offsetMinutes?: number;
  dst?: boolean;
}

export const ZONE_ABBREVIATIONS: Record<string, ZoneAbbreviation | undefined> = buildZoneTable();

function buildZoneTable(): Record<string, ZoneAbbreviation | undefined> {
  // Null prototype: a lookup of arbitrary text ("constructor") must not find Object's members.
  const table: Record<string, ZoneAbbreviation | undefined> = Object.create(null);
  const fixed: [string, string, number, boolean][] = [
    ['UTC', 'UTC', 0, false], ['GMT', 'UTC', 0, false], ['Z', 'UTC', 0, false],
    ['PST', 'America/Los_Angeles', -480, false], ['PDT', 'America/Los_Angeles', -420, true],
    ['MST', 'America/Denver', -420, false], ['MDT', 'America/Denver', -360, true],
    ['CST', 'America/Chicago', -360, false], ['CDT', 'America/Chicago', -300, true],
    ['EST', 'America/New_York', -300, false], ['EDT', 'America/New_York', -240, true],
    ['BRT', 'America/Sao_Paulo', -180, false],
    ['WET', 'Europe/Lisbon', 0, false], ['WEST', 'Europe/Lisbon', 60, true],
    ['BST', 'Europe/London', 60, true],
    ['CET', 'Europe/Paris', 60, false], ['CEST', 'Europe/Paris', 120, true],
    ['EET', 'Europe/Athens', 120, false], ['EEST', 'Europe/Athens', 180, true],
    ['MSK', 'Europe/Moscow', 180, false],
    ['IST', 'Asia/Kolkata', 330, false],
    ['SGT', 'Asia/Singapore', 480, false], ['HKT', 'Asia/Hong_Kong', 480, false],
    ['AWST', 'Australia/Perth', 480, false],
    ['JST', 'Asia/Tokyo', 540, false], ['KST', 'Asia/Seoul', 540, false],
    ['ACST', 'Australia/Adelaide', 570, false],
    ['AEST', 'Australia/Sydney', 600, false], ['AEDT', 'Australia/Sydney', 660, true],
    ['NZST', 'Pacific/Auckland', 720, false], ['NZDT', 'Pacific/Auckland', 780, true],
  ];
  for (const [name, iana, offsetMinutes, dst] of fixed) table[name] = { iana, offsetMinutes, dst };
  for (const [name, iana] of [['PT', 'America/Los_Angeles'], ['MT', 'America/Denver'], ['CT', 'America/Chicago'], ['ET', 'America/New_York']]) {
    table[name] = { iana };
  }
  for (const [standard, daylight] of [['PST', 'PDT'], ['MST', 'MDT'], ['CST', 'CDT'], ['EST', 'EDT'], ['WET', 'WEST'], ['GMT', 'BST'], ['CET', 'CEST'], ['EET', 'EEST'], ['AEST', 'AEDT'], ['NZST', 'NZDT']]) {
    const iana = (table[daylight] as ZoneAbbreviation).iana;
    table[`${standard}/${daylight}`] = { iana };
    table[`${daylight}/${standard}`] = { iana };
  }
  return table;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// The commonest pieces (numeric dates, hh:mm, seconds, meridiems, zone and range words, the gap after a date) are
// read by hand below: a regex match allocates its result and captures, which cost more than the whole read. The rest
// are regexes.
// Every regex is sticky, tried at one offset, and has no quantified group holding a quantifier, so a
// match attempt is bounded by the longest stamp whatever the line; multi-part forms are read piece by piece.
// Most attempts fail on the first character: `at` checks it against `firsts`, every code a match can begin with after
// at most `blanks` blanks, which is far cheaper than running the regex. The check is data rather than a function per
// regex: one function called with many others is not inlined, and the call cost more than the check.
interface Sticky {
  re: RegExp;
  firsts: readonly number[];
  blanks: number;
}

function sticky(re: RegExp, firsts: string, blanks = 0): Sticky {
  return { re, firsts: Array.from(firsts, (c) => c.charCodeAt(0)), blanks };
}

function at(regex: Sticky, text: string, pos: number): RegExpExecArray | null {
  const first = codeAt(text, regex.blanks === 0 ? pos : skipBlanks(text, pos, regex.blanks));
  if (!includesCode(regex.firsts, first)) return null;
  regex.re.lastIndex = pos;
  return regex.re.exec(text);
}

function includesCode(codes: readonly number[], c: number): boolean {
  for (let k = 0; k < codes.length; k++) if (codes[k] === c) return true;
  return false;
}

/** The position after at most `max` blanks (space, tab, no-break space) from `pos`. */
function skipBlanks(text: string, pos: number, max: number): number {
  let k = pos;
  while (k < pos + max && isBlankChar(codeAt(text, k))) k++;
  return k;
}
const isMeridiemLetter = (c: number) => c === 65 || c === 97 || c === 80 || c === 112;
const isLetterM = (c: number) => c === 77 || c === 109;

const DIGITS = '0123456789';
const BLANKS = ' \t\u00a0\u202f';
// Month and weekday names are capitalised, or written in capitals ("THU, JUL 13"): "we may 2" is not a date. The
// forms hold no escape, so that their capitals are the same regex in capitals.
const MONTH_FORMS = 'Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept(?:ember)?|Sep|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?';
const WEEKDAY_FORMS = 'Monday|Mon|Tuesday|Tues|Tue|Wednesday|Wed|Thursday|Thurs|Thur|Thu|Friday|Fri|Saturday|Sat|Sunday|Sun';
const MONTH_WORD = sticky(new RegExp(`(${MONTH_FORMS}|${MONTH_FORMS.toUpperCase()})(\\.?)(?![A-Za-z])`, 'y'), 'JFMASOND');
const WEEKDAY = sticky(new RegExp(`(${WEEKDAY_FORMS}|${WEEKDAY_FORMS.toUpperCase()})(?![A-Za-z])(\\.?,?[ \\t\\u00a0]{1,3})`, 'y'), 'MTWFS');
const DMY = sticky(/(\d{1,2})(?:\/(\d{1,2})\/|\.(\d{1,2})\.)(\d{4})(?!\d)/y, DIGITS);
const MMDD = sticky(/(\d\d)-(\d\d)(?!\d)/y, DIGITS);
const OF = sticky(/(?:of|OF)[ \t\u00a0]{1,2}/y, 'oO');
const AT = sticky(/(?:at|AT|@)[ \t\u00a0]{1,3}/y, 'aA@');
const FRACTION = sticky(/[.,]\d{1,9}(?!\d)/y, '.,');
const COMPACT_TIME = sticky(/(\d\d)(\d\d)(?!\d)/y, DIGITS);
const DOT_TIME = sticky(/(\d{1,2})\.(\d\d)(?!\d)/y, DIGITS);
const ZONE_PAIR = sticky(/\/[A-Z]{2,4}(?![A-Za-z])/y, '/');
const UTC_OFFSET = sticky(/[+-](?:\d{4}|\d{1,2}:\d\d|\d{1,2})(?!\d|:\d)/y, '+-');
const NUMERIC_OFFSET = sticky(/( ?)[+-]\d\d:?\d\d(?!\d|:\d)/y, '+-', 1);
const PAREN_OPEN = sticky(/([ \t\u00a0]{0,2})\([ \t]?/y, '(', 2);
const PAREN_CLOSE = sticky(/[ \t]?\)/y, ')', 1);
const PREFIX_GAP = sticky(/[ \t\u00a0]{1,2}/y, BLANKS);
// The words that join a range's ends, "09:00 to 10:30": no two begin alike.
const RANGE_WORDS = ['to', 'until', 'till', 'through', 'and'];
const BETWEEN = /(?:^|[^A-Za-z])between[ \t\u00a0]{1,3}$/i;
const URL = /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]*/gi;
// Where a stamp may start, found by the regex engine, which skips the characters in between faster than a loop over
// them. The match is one digit or capital and every check around it a lookaround: a regex that starts with a character
// class lets the engine skip to the next digit or capital, where one starting with `\b` tests every position (an eighth
// slower). It accepts at least every start readStampAt accepts and rejects most numbers and capitalised words:
// - a number at a word's start that a date or time can begin with: four or five digits (more are IDs or epoch times),
//   or one or two before a separator, an ordinal or meridiem letter, or a gap and a month name or meridiem. Digits
//   glued to `. : / # + @ \ $`, or to `-` or `,` after a word or number, are versions, IPs, paths, issue numbers or
//   lists of numbers ("yy-1003", "3,000");
// - a capital at a word's start that no lower-case letter follows (zones, names in capitals), or that begins a month
//   or weekday name.
const NUMBER_START = String.raw`\d(?<![\w.:/#+@\\$]\d|\w[-,]\d)(?=\d{3}(?!\d\d)|\d?(?:[-/.:AaPpsSnNrRtT]|[ \t\u00a0\u202f]{1,2}[A-Zaop]))`;
const NAME_START = String.raw`[A-Z](?<!\w[A-Z])(?:(?![a-z])|(?<=(?=${[...MONTH_NAMES, ...WEEKDAY_NAMES].map((name) => name.slice(0, 3)).join('|')}).))`;
const CANDIDATE = new RegExp(`${NUMBER_START}|${NAME_START}`, 'g');
const LETTER_OR_DIGIT = /[A-Za-z\d]/;

/**
 * The UTF-16 code at `i`, or -1 past the end (no character class matches it). Reading past the end would give
 * NaN, and V8 throws away code optimised on reads that stayed inside, so the engine would take longer to warm up.
 * No read here is before the start: without that test the function is small enough for V8 to inline it at every call.
 * Nearly every read of a scan comes through here, and V8 compiles `text.length` and `charCodeAt` for the kinds of
 * string it has seen here (sequential, sliced, concatenated): past four kinds it compiles generic reads, and every scan
 * after that took a third longer. So only texts that scans read come here (the names in tables are read by nameKey).
 */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

interface DateRead {
  start: number;
  end: number;
  year?: number;
  month: number;
  day: number;
  pattern: string;
  /** ymd may be joined to its time by `T` or `/`; md ("03-26") is a date only in front of a time. */
  kind: 'ymd' | 'md' | 'other';
  invalid?: string;
}

interface WeekdayRead {
  day: number;
  pattern: string;
}

interface TimeRead {
  end: number;
  time: NonNullable<StampParts['time']>;
  pattern: string;
  invalid?: string;
  /** Written without a colon ("1600", "11.50"): a time only where a time is expected. */
  weak: boolean;
  seconds: boolean;
}

interface ZoneRead {
  zone: StampZone;
  end: number;
  kind: StampStyle['zone'];
  gap: string;
}

// A read of a date, time or zone returns the one object of its kind, which the next read of that kind overwrites (as
// numberAt keeps its results in variables): a stamp is built from at most one of each, read just before, and an
// object per read was a third of what a scan allocated.
const DATE_READ: DateRead = { start: 0, end: 0, year: undefined, month: 0, day: 0, pattern: '', kind: 'other', invalid: undefined };
const TIME_READ: TimeRead = { end: 0, time: { hour: 0, minute: 0 }, pattern: '', invalid: undefined, weak: false, seconds: false };
const ZONE_READ: ZoneRead = { zone: { text: '', start: 0, end: 0 }, end: 0, kind: 'none', gap: '' };

function timeRead(end: number, time: TimeRead['time'], pattern: string, invalid: string | undefined, weak: boolean, seconds: boolean): TimeRead {
  const read = TIME_READ;
  read.end = end;
  read.time = time;
  read.pattern = pattern;
  read.invalid = invalid;
  read.weak = weak;
  read.seconds = seconds;
  return read;
}

function zoneRead(zone: StampZone, end: number, kind: ZoneRead['kind'], gap: string): ZoneRead {
  const read = ZONE_READ;
  read.zone = zone;
  read.end = end;
  read.kind = kind;
  read.gap = gap;
  return read;
}

const NUMBER_TOKENS: Record<string, [string, string]> = { M: ['{M}', '{MM}'], d: ['{d}', '{dd}'], H: ['{H}', '{HH}'], h: ['{h}', '{hh}'] };

/** `{d}` or `{dd}`: how a number written in `width` digits is padded. */
function numberToken(letter: 'M' | 'd' | 'H' | 'h', width: number): string {
  return NUMBER_TOKENS[letter][width > 1 ? 1 : 0];
}

// A document writes its stamps in a few patterns, and each stamp keeps the one shared string. Patterns are put
// together from shared pieces by `joined`, which allocates nothing for a pair it has seen: concatenating and then
// interning would allocate the whole pattern for every stamp.
const JOINED = new Map<string, Map<string, string>>();
let joinedCount = 0;

/** `a + b`, the same string object every time. */
function joined(a: string, b: string): string {
  if (b === '') return a;
  if (a === '') return b;
  let after = JOINED.get(a);
  if (after === undefined) {
    after = new Map();
    JOINED.set(a, after);
  }
  let both = after.get(b);
  if (both === undefined) {
    // Sub-second digits are literal in patterns: a log pasted line by line must not grow the table for ever.
    if (joinedCount >= 1000) {
      JOINED.clear();
      joinedCount = 0;
    }
    both = a + b;
    after.set(b, both);
    joinedCount++;
  }
  return both;
}

// {yyyy}-{M}-{d} … {yyyy}/{MM}/{dd}, by separator, month digits and day digits.
const YMD_PATTERNS = ['-', '/'].flatMap((sep) => [1, 2].flatMap((m) => [1, 2].map((d) => `{yyyy}${sep}${numberToken('M', m)}${sep}${numberToken('d', d)}`)));

function monthNumber(name: string): number {
  return MONTH_BY_PREFIX.get(prefixKey(name, 0)) ?? 0;
}

/** Whether a month or weekday name is written in capitals ("JUL", not "Jul"). */
function inCapitals(name: string): boolean {
  return isUpper(name.charCodeAt(1));
}

// Month and weekday names written in full, capitalised or in capitals ("May" and "MAY" are full, "Sept" is not).
const FULL_MONTHS = new Set(MONTH_NAMES.flatMap((name) => [name, name.toUpperCase()]));
const FULL_WEEKDAYS = new Set(WEEKDAY_NAMES.flatMap((name) => [name, name.toUpperCase()]));

function monthToken(name: string): string {
  const token = name.length > 3 && FULL_MONTHS.has(name) ? 'MMMM' : 'MMM';
  return `{${token}${inCapitals(name) ? 'U' : ''}}`;
}

function weekdayToken(name: string): string {
  return `{${FULL_WEEKDAYS.has(name) ? 'EEEE' : 'EEE'}${inCapitals(name) ? 'U' : ''}}`;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : DAYS_IN_MONTH[month - 1];
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MONTH_OFFSETS = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];

/** 1 = Monday … 7 = Sunday (proleptic Gregorian, as luxon counts; Sakamoto's method). */
function weekdayOf(year: number, month: number, day: number): number {
  const y = month < 3 ? year - 1 : year;
  const sunday0 = (y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) + MONTH_OFFSETS[month - 1] + day) % 7;
  return ((sunday0 + 7) % 7) || 7;
}

/** `year` is written in `yearDigits` digits (0 when not written). */
function dated(start: number, end: number, year: number | undefined, yearDigits: number, month: number, day: number, pattern: string, kind: DateRead['kind']): DateRead {
  let invalid: string | undefined;
  if (yearDigits > 4) {
    invalid = `year ${String(year).padStart(yearDigits, '0')} has five digits`;
  } else if (year === 0) {
    // An unset date ("0000-01-01"): no zone has rules for it, and a day earlier would be a year no stamp can write.
    invalid = 'year 0000 is not a date';
  } else if (month < 1 || month > 12) {
    invalid = `month ${month} does not exist`;
  } else if (day < 1 || day > daysInMonth(year ?? 2000, month)) {
    // Without a year, 2000 (a leap year) lets "February 29" stand.
    invalid = `${MONTH_NAMES[month - 1]} ${day}${year === undefined ? '' : `, ${year}`} does not exist`;
  }
  const read = DATE_READ;
  read.start = start;
  read.end = end;
  read.year = year;
  read.month = month;
  read.day = day;
  read.pattern = pattern;
  read.kind = kind;
  read.invalid = invalid;
  return read;
}

// Where the digits numberAt read end, and the code there: its other results, kept here because returning them would
// allocate, and reading the code again costs about as much as reading a digit.
let numberEnd = 0;
let numberNext = -1;

/**
 * The value of the run of ASCII digits at `pos`, read once (0 when there is none), its end in numberEnd and the code
 * after it in numberNext. Only the first five digits count, as many as a stamp's longest number: a longer run is no
 * stamp, and stays a small integer.
 */
function numberAt(text: string, pos: number): number {
  let value = 0;
  let k = pos;
  let c = codeAt(text, k);
  while (isDigit(c)) {
    if (k - pos < 5) value = value * 10 + c - 48;
    c = codeAt(text, ++k);
  }
  numberEnd = k;
  numberNext = c;
  return value;
}

/** Space, tab or no-break space: what the gaps inside a stamp may be. */
function isGapChar(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0;
}

/** The position after at most `max` gap characters from `pos`. */
function skipGap(text: string, pos: number, max: number): number {
  let k = pos;
  while (k < pos + max && isGapChar(codeAt(text, k))) k++;
  return k;
}

function isBlankChar(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x202f;
}

function readDate(text: string, pos: number): DateRead | null {
  // Each regex below is tried only where its first characters can match: most words and numbers are not dates.
  const number = numberAt(text, pos);
  const digits = numberEnd - pos;
  if (digits === 0) return readMonthFirst(text, pos);
  const next = numberNext;
  if ((digits === 4 || digits === 5) && (next === 45 || next === 47)) {
    // 2024-02-12 or 2024/02/12, both separators alike, one or two digits each for month and day.
    const monthAt = numberEnd + 1;
    const month = numberAt(text, monthAt);
    const monthDigits = numberEnd - monthAt;
    if (monthDigits === 0 || monthDigits > 2 || numberNext !== next) return null;
    const dayAt = numberEnd + 1;
    const day = numberAt(text, dayAt);
    const dayDigits = numberEnd - dayAt;
    if (dayDigits === 0 || dayDigits > 2) return null;
    const pattern = YMD_PATTERNS[(next === 47 ? 4 : 0) + (monthDigits > 1 ? 2 : 0) + (dayDigits > 1 ? 1 : 0)];
    return dated(pos, numberEnd, number, digits, month, day, pattern, 'ymd');
  }
  // One or two digits before a colon are an hour.
  if (digits > 2 || next === 58) return null;
  let m = next === 47 || next === 46 ? at(DMY, text, pos) : null;
  if (m) {
    const slash = m[2] !== undefined;
    const first = m[1];
    const second = slash ? m[2] : m[3];
    const sep = slash ? '/' : '.';
    // Dots are European (day first); slashes read month first unless the first number cannot be a month.
    const dayFirst = !slash || (Number(first) > 12 && Number(second) <= 12);
    const [day, month] = dayFirst ? [first, second] : [second, first];
    const pattern = dayFirst
      ? `${numberToken('d', day.length)}${sep}${numberToken('M', month.length)}${sep}{yyyy}`
      : `${numberToken('M', month.length)}${sep}${numberToken('d', day.length)}${sep}{yyyy}`;
    return dated(pos, pos + m[0].length, Number(m[4]), 4, Number(month), Number(day), pattern, 'other');
  }
  const dayMonth = readDayBeforeMonth(text, pos, digits, number);
  if (dayMonth) return dayMonth;
  m = digits === 2 && next === 45 ? at(MMDD, text, pos) : null;
  if (m) {
    // "[26-03 23:04]" can only be day first.
    const dayFirst = Number(m[1]) > 12 && Number(m[2]) <= 12;
    const [day, month] = dayFirst ? [m[1], m[2]] : [m[2], m[1]];
    return dated(pos, pos + m[0].length, undefined, 0, Number(month), Number(day), dayFirst ? '{dd}-{MM}' : '{MM}-{dd}', 'md');
  }
  return null;
}

/** "st", "nd", "rd", "th", or the same in capitals. */
function isOrdinalSuffix(a: number, b: number): boolean {
  const lower = (x: number, y: number) => (x === 115 && y === 116) || (x === 110 && y === 100) || (x === 114 && y === 100) || (x === 116 && y === 104);
  return lower(a, b) || lower(a + 32, b + 32);
}

/** The token of a day written as an ordinal whose suffix starts with `suffix`. */
function ordinalToken(suffix: number): string {
  return isUpper(suffix) ? '{doU}' : '{do}';
}

/** "12 February", "3rd of March 2024": the day `day`, written in `digits` digits at `pos`, before a month name. */
function readDayBeforeMonth(text: string, pos: number, digits: number, day: number): DateRead | null {
  const dayEnd = pos + digits;
  const ordinal = isOrdinalSuffix(codeAt(text, dayEnd), codeAt(text, dayEnd + 1)) && isGapChar(codeAt(text, dayEnd + 2));
  const gapAt = ordinal ? dayEnd + 2 : dayEnd;
  const gapEnd = skipGap(text, gapAt, 2);
  if (gapEnd === gapAt) return null;
  const of = at(OF, text, gapEnd);
  const monthAt = of ? gapEnd + of[0].length : gapEnd;
  const month = at(MONTH_WORD, text, monthAt);
  if (!month) return null;
  let pattern = joined(ordinal ? ordinalToken(codeAt(text, dayEnd)) : numberToken('d', digits), text.slice(gapAt, gapEnd));
  if (of) pattern = joined(pattern, of[0]);
  pattern = joined(joined(pattern, monthToken(month[1])), month[2]);
  return withYear(text, pos, monthAt + month[0].length, monthNumber(month[1]), day, pattern);
}

/** "Feb 12", "March 3rd, 2024": a month name, one to three blanks, a day in one or two digits, maybe an ordinal. */
function readMonthFirst(text: string, pos: number): DateRead | null {
  const month = at(MONTH_WORD, text, pos);
  if (!month) return null;
  // The day by hand: a regex match allocated its result and three strings for each such date.
  const gapAt = pos + month[0].length;
  const dayAt = skipGap(text, gapAt, 3);
  const day = numberAt(text, dayAt);
  const digits = numberEnd - dayAt;
  if (dayAt === gapAt || digits === 0 || digits > 2) return null;
  const suffix = numberNext;
  const ordinal = isOrdinalSuffix(suffix, codeAt(text, numberEnd + 1));
  const end = ordinal ? numberEnd + 2 : numberEnd;
  const c = codeAt(text, end);
  if (isLetter(c) || isDigit(c) || (c === 58 && isDigit(codeAt(text, end + 1)))) return null;
  const pattern = joined(joined(joined(monthToken(month[1]), month[2]), text.slice(gapAt, dayAt)), ordinal ? ordinalToken(suffix) : numberToken('d', digits));
  return withYear(text, pos, end, monthNumber(month[1]), day, pattern);
}

/**
 * The date written from `start` to `end` in words, with the year that may follow it (", 2024", " 2024": a comma, one
 * to three blanks, four digits). By hand: a regex match allocated its result and two strings for each such date.
 */
function withYear(text: string, start: number, end: number, month: number, day: number, pattern: string): DateRead {
  const gapAt = codeAt(text, end) === 44 ? end + 1 : end;
  const yearAt = skipGap(text, gapAt, 3);
  const year = numberAt(text, yearAt);
  if (yearAt === gapAt || numberEnd - yearAt !== 4 || (numberNext === 58 && isDigit(codeAt(text, numberEnd + 1)))) {
    return dated(start, end, undefined, 0, month, day, pattern, 'other');
  }
  return dated(start, numberEnd, year, 4, month, day, joined(joined(pattern, text.slice(end, yearAt)), '{yyyy}'), 'other');
}

function clockProblem(hour: number, minute: number, second: number | undefined, meridiem: boolean): string | undefined {
  if (meridiem && (hour < 1 || hour > 12)) return `hour ${hour} does not exist on a 12-hour clock`;
  if (hour > 23) return `hour ${hour} does not exist (hours run 00–23)`;
  if (minute > 59) return `minute ${minute} does not exist (minutes run 00–59)`;
  if (second !== undefined && second > 59) return `second ${second} does not exist (seconds run 00–59)`;
  return undefined;
}

// {H}:{mm} and {HH}:{mm}, by hour digits: most times are written so, and a constant needs no lookup in JOINED.
const HOUR_MINUTE_PATTERNS = [1, 2].map((width) => `${numberToken('H', width)}:{mm}`);

/** "am", "PM", "p.m." after a time: `letter` is the code of its a or p, `gap` the blank before it, if any. */
interface Meridiem {
  end: number;
  gap: string;
  letter: number;
  dotted: boolean;
}

/**
 * A meridiem at `pos`, after at most one blank, that no letter follows. By hand: a regex match allocated its result and
 * three strings, for a few characters.
 */
function readMeridiem(text: string, pos: number): Meridiem | null {
  const letterAt = isBlankChar(codeAt(text, pos)) ? pos + 1 : pos;
  const letter = codeAt(text, letterAt);
  if (!isMeridiemLetter(letter)) return null;
  const c = codeAt(text, letterAt + 1);
  const dotted = c === 46;
  if (dotted ? !isLetterM(codeAt(text, letterAt + 2)) || codeAt(text, letterAt + 3) !== 46 : !isLetterM(c)) return null;
  const end = letterAt + (dotted ? 4 : 2);
  if (isLetter(codeAt(text, end))) return null;
  return { end, gap: text.slice(pos, letterAt), letter, dotted };
}

/** Completes a time whose hour is written as `hour` in `hourDigits` digits: meridiem, validity, 24-hour value. */
function clock(end: number, hour: number, hourDigits: number, rest: string, minute: number, second: number | undefined, meridiem: Meridiem | null, invalid: string | undefined): TimeRead {
  let pattern: string;
  if (meridiem) {
    const upper = isUpper(meridiem.letter);
    const token = meridiem.dotted ? (upper ? '{A.}' : '{a.}') : upper ? '{A}' : '{a}';
    pattern = joined(joined(joined(numberToken('h', hourDigits), rest), meridiem.gap), token);
  } else {
    pattern = rest === ':{mm}' ? HOUR_MINUTE_PATTERNS[hourDigits > 1 ? 1 : 0] : joined(numberToken('H', hourDigits), rest);
  }
  invalid ??= clockProblem(hour, minute, second, !!meridiem);
  if (meridiem && !invalid) hour = (hour % 12) + (meridiem.letter === 112 || meridiem.letter === 80 ? 12 : 0);
  return timeRead(end, clockTime(hour, minute, second), pattern, invalid, false, second !== undefined);
}

function readTime(text: string, pos: number, allowWeak: boolean, colonOnly: boolean): TimeRead | null {
  const hourNumber = numberAt(text, pos);
  const digits = numberEnd - pos;
  if (digits === 0 || digits > 4) return null;
  const next = numberNext;
  const minuteAt = numberEnd + 1;
  // -1 when no colon follows; without one or two digits after it ("12:", "12:345") there are no minutes.
  const minuteNumber = digits <= 2 && next === 58 ? numberAt(text, minuteAt) : -1;
  const minuteDigits = minuteNumber >= 0 && numberEnd - minuteAt <= 2 ? numberEnd - minuteAt : 0;
  if (minuteDigits > 0) {
    let end = minuteAt + minuteDigits;
    const secondValue = numberNext === 58 ? numberAt(text, end + 1) : -1;
    const seconds = secondValue >= 0 && numberEnd === end + 3;
    // "3:1" is a ratio; "07:7:47" is a time written wrong.
    if (minuteDigits === 1 && !seconds) return null;
    const invalid = minuteDigits === 1 ? `minutes need two digits (did you mean ${text.slice(pos, pos + digits)}:0${text[end - 1]}${seconds ? text.slice(end, end + 3) : ''}?)` : undefined;
    const second = seconds ? secondValue : undefined;
    let rest = ':{mm}';
    if (seconds) {
      end += 3;
      rest = ':{mm}:{ss}';
      const f = at(FRACTION, text, end);
      if (f) {
        end += f[0].length;
        // Sub-second digits survive any zone change, so they stay literal.
        rest = joined(rest, f[0]);
      }
    }
    const meridiem = readMeridiem(text, end);
    return clock(meridiem ? meridiem.end : end, hourNumber, digits, rest, minuteNumber, second, meridiem, invalid);
  }
  if (colonOnly || digits > 2 && !allowWeak) return null;
  const meridiem = digits <= 2 ? readMeridiem(text, pos + digits) : null;
  if (meridiem) return clock(meridiem.end, hourNumber, digits, '', 0, undefined, meridiem, undefined);
  if (!allowWeak) return null;
  const c = digits === 4 ? at(COMPACT_TIME, text, pos) : digits <= 2 && next === 46 ? at(DOT_TIME, text, pos) : null;
  if (!c) return null;
  const hour = Number(c[1]);
  const minute = Number(c[2]);
  // An out-of-range colon-less number is a quantity, not a broken time.
  if (hour > 23 || minute > 59) return null;
  const dot = c[0].includes('.');
  const pattern = dot ? joined(numberToken('H', c[1].length), '.{mm}') : '{HH}{mm}';
  return timeRead(pos + c[0].length, clockTime(hour, minute, undefined), pattern, undefined, true, false);
}

function timeEndOk(text: string, end: number): boolean {
  const c = codeAt(text, end);
  if (isWord(c)) return false;
  return !((c === 58 || c === 46) && isDigit(codeAt(text, end + 1)));
}

// "1600 MW", "11.50 GB", "2.17 released", "1,600": a number that a word or more digits follow is a quantity.
function weakEndOk(text: string, end: number): boolean {
  const c = codeAt(text, end);
  if (isWord(c)) return false;
  if ((c === 44 || c === 46 || c === 47 || c === 58) && isDigit(codeAt(text, end + 1))) return false;
  // "2024-09-??", "2024-09-": the year of an unfinished date, not a time.
  if (c === 45 && (codeAt(text, end + 1) === 63 || (isDigit(codeAt(text, end + 1)) && isDigit(codeAt(text, end + 2)) && codeAt(text, end + 3) === 45))) return false;
  let k = end;
  while (k < end + 3 && (codeAt(text, k) === 32 || codeAt(text, k) === 9)) k++;
  const next = codeAt(text, k);
  return !isLetter(next) && next !== 37;
}

// "2023-01-04.md", "2017-11-15-post-mortem", "2012/orders": part of a name or path.
function dateEndOk(text: string, end: number): boolean {
  const c = codeAt(text, end);
  if (isWord(c)) return false;
  return !((c === 45 || c === 46 || c === 47) && isWord(codeAt(text, end + 1)));
}

function zoneEndOk(text: string, end: number): boolean {
  const c = codeAt(text, end);
  return !isWord(c) && !(c === 58 && isDigit(codeAt(text, end + 1)));
}

/**
 * The key of a word of capitals, `key` being that of the capitals before `capital`: at most four capitals as one
 * number, seven bits a letter, a lookup that slices no string.
 */
function capitalsKey(key: number, capital: number): number {
  return key * 128 + capital;
}

// The zone names a stamp can write, by capitalsKey: most capitalised words ("SEV2", "TODO") are none.
const ZONE_NAMES = new Map(
  Object.keys(ZONE_ABBREVIATIONS)
    .filter((name) => !name.includes('/'))
    .map((name) => [[...name].reduce((key, letter) => capitalsKey(key, letter.charCodeAt(0)), 0), name]),
);

/** Up to two gap characters (ending at `start`), then one to four capitals that no letter follows ("UTC", " PST"). */
function readZoneWord(text: string, pos: number, start = skipGap(text, pos, 2)): ZoneRead | null {
  let end = start;
  let key = 0;
  let c = codeAt(text, end);
  while (end < start + 4 && isUpper(c)) {
    key = capitalsKey(key, c);
    c = codeAt(text, ++end);
  }
  if (end === start || isLetter(c)) return null;
  const name = ZONE_NAMES.get(key);
  if (name === undefined) return null;
  if (name === 'UTC' || name === 'GMT') {
    const offset = at(UTC_OFFSET, text, end);
    if (offset) end += offset[0].length;
  } else {
    // "PST/PDT": both names are known ones.
    const pair = at(ZONE_PAIR, text, end);
    if (pair && ZONE_ABBREVIATIONS[name + pair[0]]) end += pair[0].length;
  }
  if (!zoneEndOk(text, end)) return null;
  return zoneRead(writtenZone(end === start + name.length ? name : text.slice(start, end), start, end), end, start === pos && name === 'Z' ? 'attached' : 'word', text.slice(pos, start));
}

/** `strongOffset`: the time is ISO or has seconds, so "-07:00" after it is an offset, not a range. */
function readZoneAfter(text: string, pos: number, strongOffset: boolean): ZoneRead | null {
  // The first character after the gap says which form the zone can take: most times have none.
  const start = skipGap(text, pos, 2);
  const first = codeAt(text, start);
  if (first === 43 || first === 45) {
    const offset = at(NUMERIC_OFFSET, text, pos);
    if (!offset || !(strongOffset || (offset[1] === '' && text[pos] === '+'))) return null;
    const end = pos + offset[0].length;
    return zoneRead(writtenZone(text.slice(start, end), start, end), end, offset[1] ? 'word' : 'attached', offset[1]);
  }
  if (isUpper(first)) return readZoneWord(text, pos, start);
  if (first !== 40) return null;
  const open = at(PAREN_OPEN, text, pos);
  if (!open) return null;
  const inner = readZoneWord(text, pos + open[0].length);
  const close = inner && at(PAREN_CLOSE, text, inner.end);
  if (!inner || !close) return null;
  return zoneRead(inner.zone, inner.end + close[0].length, 'paren', open[1]);
}

/** The stamp at [start, end) from the parts read; `sep` is what joins the date to the time. */
function build(text: string, start: number, end: number, date: DateRead | undefined, weekday: WeekdayRead | undefined, sep: string, time: TimeRead | undefined, zone: ZoneRead | undefined): StampParts {
  const pattern = joined(joined(joined(weekday?.pattern ?? '', date?.pattern ?? ''), sep), time?.pattern ?? '');
  let wrongDay: string | undefined;
  if (date && weekday && date.year !== undefined && !date.invalid) {
    // A written weekday is checked against the real one, which a date with a year has.
    const real = weekdayOf(date.year, date.month, date.day);
    if (real !== weekday.day) wrongDay = `${text.slice(date.start, date.end)} was a ${WEEKDAY_NAMES[real - 1]}, not a ${WEEKDAY_NAMES[weekday.day - 1]}`;
  }
  return new ScannedStamp(
    text,
    start,
    end,
    date && (date.year === undefined ? { month: date.month, day: date.day } : calendarDate(date.year, date.month, date.day)),
    weekday?.day,
    time?.time,
    zone?.zone,
    date?.invalid ?? wrongDay ?? time?.invalid,
    stampStyle(pattern, zone ? zone.kind : 'none', zone?.gap ?? '', sep === 'T'),
  );
}

/**
 * Every key set from the start, absent parts undefined: stamps then share one shape, which keeps reading them fast.
 * `text` is cut from the scanned text when read: a parse keeps thousands of stamps, and only messages read it. A
 * weekday and a reason to reject are rare, and share one field that most stamps leave undefined. The precision follows
 * from the pattern, which writes seconds or minutes exactly when the stamp has them.
 */
class ScannedStamp implements StampParts {
  private readonly rare: { readonly weekday: number | undefined; readonly invalid: string | undefined } | undefined;

  constructor(
    private readonly scanned: string,
    public start: number,
    public end: number,
    public date: StampParts['date'],
    weekday: number | undefined,
    public time: StampParts['time'],
    public zone: StampZone | undefined,
    invalid: string | undefined,
    public style: Readonly<StampStyle>,
  ) {
    this.rare = weekday === undefined && invalid === undefined ? undefined : { weekday, invalid };
  }

  get text(): string {
    return this.scanned.slice(this.start, this.end);
  }

  get weekday(): number | undefined {
    return this.rare?.weekday;
  }

  get invalid(): string | undefined {
    return this.rare?.invalid;
  }

  get precision(): StampParts['precision'] {
    const { pattern } = this.style;
    if (pattern.includes('{ss}')) return 'second';
    if (pattern.includes('{mm}')) return 'minute';
    return this.time ? 'hour' : 'day';
  }
}

// Parts are never mutated, so stamps share equal dates, times, zones and styles: a long timeline has thousands of
// stamps and a few dozen of each, and every object a parse keeps is copied by the garbage collector while the parse
// runs. Each map is emptied when it grows past a bound, as JOINED is: pasted text must not grow it for ever. Times
// without seconds are at hour * 100 + minute in an array, a cheaper lookup than a map's: hours and minutes are written
// in at most two digits, so it never needs more than its 10,000 slots.
const SHARED_LIMIT = 4096;
const DATES = new Map<number, { readonly year: number; readonly month: number; readonly day: number }>();
const TIMES: (TimeRead['time'] | undefined)[] = new Array(10_000);
const STYLES = new Map<string, Readonly<StampStyle>[]>();
// Zones by their offset, the one most recently written there: a timeline writes its zone at the same offset line after
// line. Further along a line, zones are not shared.
const ZONES: (StampZone | undefined)[] = new Array(256);

function calendarDate(year: number, month: number, day: number): { readonly year: number; readonly month: number; readonly day: number } {
  const key = year * 10_000 + month * 100 + day;
  let date = DATES.get(key);
  if (date === undefined || date.year !== year || date.month !== month || date.day !== day) {
    if (DATES.size >= SHARED_LIMIT) DATES.clear();
    DATES.set(key, (date = { year, month, day }));
  }
  return date;
}

function clockTime(hour: number, minute: number, second: number | undefined): TimeRead['time'] {
  if (second !== undefined) return { hour, minute, second };
  const key = hour * 100 + minute;
  let time = TIMES[key];
  if (time === undefined) {
    time = { hour, minute };
    if (key < TIMES.length) TIMES[key] = time;
  }
  return time;
}

function writtenZone(text: string, start: number, end: number): StampZone {
  let zone = start < ZONES.length ? ZONES[start] : undefined;
  if (zone === undefined || zone.end !== end || zone.text !== text) {
    zone = { text, start, end };
    if (start < ZONES.length) ZONES[start] = zone;
  }
  return zone;
}

function stampStyle(pattern: string, zone: StampStyle['zone'], zoneGap: string, iso: boolean): Readonly<StampStyle> {
  const styles = sharedList(STYLES, pattern, SHARED_LIMIT);
  for (const style of styles) if (style.zone === zone && style.zoneGap === zoneGap && style.iso === iso) return style;
  const style: StampStyle = { pattern, zone, zoneGap, iso };
  // A pattern has a handful of zone placements and gaps: past that, the gaps are pasted noise.
  if (styles.length < 16) styles.push(style);
  return style;
}

/** Written on a 12-hour clock: only such a time writes its hour as {h} or {hh}. */
function isTwelveHour(stamp: StampParts): boolean {
  return stamp.style.pattern.includes('{h');
}

/** A time written without a colon ("1600", "11.50"): its minutes follow the hour or a dot, and end the pattern. */
function isColonless(stamp: StampParts): boolean {
  const { pattern } = stamp.style;
  return pattern.endsWith('{HH}{mm}') || pattern.endsWith('.{mm}');
}

function withTime(text: string, start: number, date: DateRead, weekday: WeekdayRead | undefined): StampParts | null {
  let sep = '';
  let time: TimeRead | null = null;
  const c = codeAt(text, date.end);
  if (date.kind === 'ymd' && (c === 84 || c === 47)) {
    // ISO "T", or "2023-01-04/11:34" as one real document writes it.
    sep = text[date.end];
    time = readTime(text, date.end + 1, false, true);
  } else {
    // ", " or blanks between the date and its time.
    const gapEnd = c === 44 ? skipGap(text, date.end + 1, 3) : skipGap(text, date.end, 8);
    if (gapEnd > date.end) {
      sep = text.slice(date.end, gapEnd);
      const word = at(AT, text, date.end + sep.length);
      if (word) sep += word[0];
      time = readTime(text, date.end + sep.length, date.kind !== 'md', false);
    }
  }
  if (time) {
    const zone = readZoneAfter(text, time.end, sep === 'T' || time.seconds);
    if (zone) return build(text, start, zone.end, date, weekday, sep, time, zone);
    if (time.weak ? weakEndOk(text, time.end) : timeEndOk(text, time.end)) return build(text, start, time.end, date, weekday, sep, time, undefined);
  }
  if (date.kind === 'md' || !dateEndOk(text, date.end)) return null;
  return build(text, start, date.end, date, weekday, '', undefined, undefined);
}

function timeOnly(text: string, start: number, time: TimeRead): StampParts | null {
  const zone = readZoneAfter(text, time.end, time.seconds);
  if (zone) return build(text, start, zone.end, undefined, undefined, '', time, zone);
  if (!(time.weak ? weakEndOk(text, time.end) : timeEndOk(text, time.end))) return null;
  return build(text, start, time.end, undefined, undefined, '', time, undefined);
}

// "beginning from UTC 05:13"
function zoneFirst(text: string, pos: number): StampParts | null {
  // Zone names are all capitals: "Errors" is not one.
  const second = codeAt(text, pos + 1);
  if (second >= 97 && second <= 122) return null;
  const zone = readZoneWord(text, pos);
  if (!zone || zone.zone.text === 'Z') return null;
  const gap = at(PREFIX_GAP, text, zone.end);
  const time = gap && readTime(text, zone.end + gap[0].length, false, false);
  if (!gap || !time || !timeEndOk(text, time.end)) return null;
  return build(text, pos, time.end, undefined, undefined, '', time, zoneRead(zone.zone, zone.end, 'prefix', gap[0]));
}

/** The first three characters at `pos` as one number: a lookup that slices no string. */
function prefixKey(text: string, pos: number): number {
  return codeAt(text, pos) * 0x10000 + codeAt(text, pos + 1) * 0x100 + codeAt(text, pos + 2);
}

/** prefixKey of a name at its start, read without codeAt: the names are string literals, which scans never read (see codeAt). */
function nameKey(name: string): number {
  return [...name.slice(0, 3)].reduce((key, letter) => key * 0x100 + letter.charCodeAt(0), 0);
}

// Month (1–12) and weekday (1–7) numbers by the first three letters of their names, capitalised or in capitals.
const MONTH_BY_PREFIX = new Map(MONTH_NAMES.flatMap((name, i) => [[nameKey(name), i + 1], [nameKey(name.toUpperCase()), i + 1]]));
const WEEKDAY_BY_PREFIX = new Map(WEEKDAY_NAMES.flatMap((name, i) => [[nameKey(name), i + 1], [nameKey(name.toUpperCase()), i + 1]]));

function readStampAt(text: string, pos: number, allowWeak: boolean): StampParts | null {
  if (isDigit(codeAt(text, pos))) {
    const date = readDate(text, pos);
    if (date) return withTime(text, pos, date, undefined);
    const time = readTime(text, pos, allowWeak, false);
    return time && timeOnly(text, pos, time);
  }
  // A word is a weekday, a month or a zone name (all capitals): for most words the first three letters say it is none.
  const key = prefixKey(text, pos);
  const day = WEEKDAY_BY_PREFIX.get(key);
  if (day === undefined && !MONTH_BY_PREFIX.has(key)) return isLower(codeAt(text, pos + 1)) ? null : zoneFirst(text, pos);
  if (day !== undefined) {
    const w = at(WEEKDAY, text, pos);
    const date = w && readDate(text, pos + w[0].length);
    if (w && date) return withTime(text, pos, date, { day, pattern: joined(weekdayToken(w[1]), w[2]) });
  }
  const date = readDate(text, pos);
  if (date) return withTime(text, pos, date, undefined);
  return zoneFirst(text, pos);
}

/**
 * Whether the stamp at `i` may be inside a URL: a URL's characters run from its start, which is at least "www."
 * before any stamp in it (no stamp starts with a URL's first letter). Characters outside ASCII count as URL ones.
 */
function mayBeInUrl(text: string, i: number): boolean {
  if (i < 4) return false;
  for (let k = i - 4; k < i; k++) {
    switch (text.charCodeAt(k)) {
      case 9: case 10: case 11: case 12: case 13: case 32: case 34: case 39: case 41: case 60: case 62: case 93: case 96: // \s " ' ) < > ] `
        return false;
    }
  }
  return true;
}

/** Whether `text` may hold a URL that the scan skips: without `://` or `www.` it looks for none. */
export function mayHoldUrl(text: string): boolean {
  return text.indexOf('://') >= 0 || text.indexOf('www.') >= 0;
}

function urlSpans(text: string): number[] {
  const spans: number[] = [];
  if (!mayHoldUrl(text)) return spans;
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m; m = URL.exec(text)) spans.push(m.index, m.index + m[0].length);
  return spans;
}

// A literal rather than a spread, which costs more than the rest of link.
function impliedZone(zone: StampZone): StampZone {
  return { text: zone.text, start: zone.start, end: zone.end, implied: true };
}

/** Joins the end of a written range to its start: zone, date and meridiem carry across. */
function link(from: StampParts, to: StampParts): void {
  const toMeridiem = isTwelveHour(to);
  const fromMeridiem = isTwelveHour(from);
  if (!from.zone && to.zone) from.zone = impliedZone(to.zone);
  if (!to.zone && from.zone) to.zone = impliedZone(from.zone);
  if (!to.date && from.date) to.date = { ...from.date, implied: true };
  const a = from.time;
  const b = to.time;
  // "from 9:00 to 11:30 PM": the start is PM too, unless that would put it after the end.
  if (a && b && toMeridiem && !fromMeridiem && !from.invalid && a.hour >= 1 && a.hour <= 12) {
    const pm = (a.hour % 12) + 12;
    if (b.hour >= 12 && pm * 60 + a.minute <= b.hour * 60 + b.minute) from.time = clockTime(pm, a.minute, a.second);
    else if (b.hour < 12) from.time = clockTime(a.hour % 12, a.minute, a.second);
  }
}

/**
 * The end of what joins a range's ends after `first` (a dash or a word, up to three blanks either side), or -1. Read
 * by hand: most dashes and words after a stamp start a description ("21:36 UTC - Cache warmed"), and a match would
 * allocate for each.
 */
function rangeJoinEnd(text: string, first: StampParts): number {
  const start = skipGap(text, first.end, 3);
  const c = codeAt(text, start);
  if (c === 45) return skipGap(text, codeAt(text, start + 1) === 45 ? start + 2 : start + 1, 3);
  if (c === 0x2013 || c === 0x2014) return skipGap(text, start + 1, 3);
  if (start === first.end) return -1;
  const word = rangeWordAt(text, start);
  if (word === undefined || (word === 'and' && !BETWEEN.test(text.slice(Math.max(0, first.start - 12), first.start)))) return -1;
  const wordEnd = start + word.length;
  const end = skipGap(text, wordEnd, 3);
  return end > wordEnd ? end : -1;
}

/** The range word that starts at `pos`, if any. */
function rangeWordAt(text: string, pos: number): string | undefined {
  const c = codeAt(text, pos);
  for (let i = 0; i < RANGE_WORDS.length; i++) {
    if (RANGE_WORDS[i].charCodeAt(0) === c && text.startsWith(RANGE_WORDS[i], pos)) return RANGE_WORDS[i];
  }
  return undefined;
}

function rangeFrom(text: string, first: StampParts): StampParts | null {
  const next = rangeJoinEnd(text, first);
  if (next < 0 || !isWord(codeAt(text, next))) return null;
  const second = readStampAt(text, next, isColonless(first));
  if (!second || (first.time ? !second.time : !second.date)) return null;
  return second;
}

/**
 * Every timestamp in `text` (usually one line), in order, with the written ranges between them.
 * Invalid stamps are returned with `invalid` set; placeholders (`HH:mm`) and numbers that are not
 * stamps (versions, sizes, IDs, URLs) are not returned.
 */
export interface TimestampScan {
  readonly stamps: readonly StampParts[];
  readonly ranges: readonly StampRange[];
}

// Most lines have no stamp, and most stamps no range: they share these.
const NO_STAMPS: readonly StampParts[] = Object.freeze([]);
const NO_RANGES: readonly StampRange[] = Object.freeze([]);
const NO_TIMESTAMPS: TimestampScan = Object.freeze({ stamps: NO_STAMPS, ranges: NO_RANGES });

// Shared: a default of `{}` would allocate an object on every call that passes none.
const NO_OPTIONS: ScanOptions = Object.freeze({});

export function scanTimestamps(text: string, options: ScanOptions = NO_OPTIONS): TimestampScan {
  const stamps: StampParts[] = [];
  const ranges: StampRange[] = [];
  scanTimestampsInto(text, options.timeField === true, stamps, ranges);
  return stamps.length === 0 ? NO_TIMESTAMPS : { stamps, ranges: ranges.length === 0 ? NO_RANGES : ranges };
}

/**
 * scanTimestamps into the caller's lists, which may be reused from piece to piece: `stamps` and `ranges` start empty.
 * Parse scans every line, and a list and a result per piece with a stamp were most of what its scans allocated.
 * `timeFieldEnd`: where the time field ends, when it is only the start of the text (a table row's first cell).
 */
export function scanTimestampsInto(text: string, timeField: boolean, stamps: StampParts[], ranges: StampRange[], timeFieldEnd = text.length): void {
  // No test for a digit first, though every stamp holds one: CANDIDATE passes over a line without one about as fast,
  // and a second regex call on every piece cost more than it saved.
  // Found only where a stamp may be inside one: most pieces have no stamp or no URL.
  let urls: number[] | undefined;
  let u = 0;
  // In a field or cell only a leading bare number is a time: "November 2017" is a year.
  const first = timeField ? text.search(LETTER_OR_DIGIT) : -1;
  const leading = first < timeFieldEnd ? first : -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Only digits and capitals start stamps (month, weekday and zone names are capitalised), and only at a word's start.
    CANDIDATE.lastIndex = i;
    if (!CANDIDATE.test(text)) break;
    i = CANDIDATE.lastIndex - 1;
    const found = readStampAt(text, i, i === leading);
    if (!found) {
      i++;
      continue;
    }
    if (mayBeInUrl(text, i)) {
      urls ??= urlSpans(text);
      while (u < urls.length && urls[u + 1] <= i) u += 2;
      if (u < urls.length && urls[u] <= i) {
        i = urls[u + 1];
        continue;
      }
    }
    stamps.push(found);
    i = found.end;
    const second = rangeFrom(text, found);
    if (second) {
      link(found, second);
      stamps.push(second);
      ranges.push({ from: stamps.length - 2, to: stamps.length - 1 });
      i = second.end;
    }
  }
}

export type StampValue = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const TOKEN = /\{([A-Za-z]{1,5}\.?)\}/g;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function ordinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

function renderToken(token: string, v: StampValue, withMinutes: boolean): string {
  // A name written in capitals: the same token with U after it.
  if (token.endsWith('U')) return renderToken(token.slice(0, -1), v, withMinutes).toUpperCase();
  switch (token) {
    case 'yyyy': return String(v.year).padStart(4, '0');
    case 'M': return String(v.month);
    case 'MM': return pad2(v.month);
    case 'MMM': return (MONTH_NAMES[v.month - 1] ?? '').slice(0, 3);
    case 'MMMM': return MONTH_NAMES[v.month - 1] ?? '';
    case 'd': return String(v.day);
    case 'dd': return pad2(v.day);
    case 'do': return `${v.day}${ordinal(v.day)}`;
    case 'EEE':
    case 'EEEE': {
      const name = WEEKDAY_NAMES[weekdayOf(v.year, v.month, v.day) - 1] ?? '';
      return token === 'EEE' ? name.slice(0, 3) : name;
    }
    case 'H':
    case 'HH':
    case 'h':
    case 'hh': {
      const hour = token[0] === 'h' ? v.hour % 12 || 12 : v.hour;
      const text = token.length === 2 ? pad2(hour) : String(hour);
      // A stamp written to the hour ("3am") gains its minutes rather than losing them.
      return withMinutes || v.minute === 0 ? text : `${text}:${pad2(v.minute)}`;
    }
    case 'mm': return pad2(v.minute);
    case 'ss': return pad2(v.second);
    default: {
      const pm = v.hour >= 12;
      const meridiem = token.includes('.') ? (pm ? 'p.m.' : 'a.m.') : pm ? 'pm' : 'am';
      return token[0] === 'A' ? meridiem.toUpperCase() : meridiem;
    }
  }
}

/**
 * `like` rewritten with another value and zone, in the author's format: 12- or 24-hour, separators,
 * month names, padding; seconds and date only if `like` had them. `zoneText` '' writes no zone;
 * ISO stamps write UTC as `Z`.
 */
// A date written day first with slashes, the form readDate reads month first when both numbers could be months.
const DAY_FIRST_SLASHES = /\{dd?\}\/\{MM?\}\//;

// Patterns taken apart once, as split leaves them: literal text at even indexes, TOKEN's names at odd ones. A fix-all
// of a long timeline formats thousands of stamps in a few patterns.
const PATTERN_PIECES = new Map<string, readonly string[]>();

function patternPieces(pattern: string): readonly string[] {
  let pieces = PATTERN_PIECES.get(pattern);
  if (pieces === undefined) {
    if (PATTERN_PIECES.size >= SHARED_LIMIT) PATTERN_PIECES.clear();
    PATTERN_PIECES.set(pattern, (pieces = pattern.split(TOKEN)));
  }
  return pieces;
}

export function formatStampLike(like: StampParts, value: StampValue, zoneText: string): string {
  const { zone, zoneGap, iso } = like.style;
  let pattern = like.style.pattern;
  // "04/01/2023" for 4 January would read as 1 April: dots keep the author's order and read day first.
  if (value.day <= 12 && value.day !== value.month) pattern = pattern.replace(DAY_FIRST_SLASHES, (date) => date.replace(/\//g, '.'));
  const withMinutes = pattern.includes('{mm}');
  const pieces = patternPieces(pattern);
  let body = pieces[0];
  for (let i = 1; i < pieces.length; i += 2) body += renderToken(pieces[i], value, withMinutes) + pieces[i + 1];
  if (zoneText === '') return body;
  if (zone === 'prefix') return zoneText + zoneGap + body;
  if (zone === 'paren') return `${body}${zoneGap}(${zoneText})`;
  if (zone === 'word') return body + zoneGap + zoneText;
  if (zone === 'attached' || iso) {
    if (zoneText === 'UTC' || zoneText === 'Z') return `${body}Z`;
    if (zoneText[0] === '+' || zoneText[0] === '-') return body + zoneText;
  }
  return `${body} ${zoneText}`;
}

const PLACEHOLDER_TEXT = /^[\dYyMDdHhmSsXx?/.: T-]{4,40}$/;
const PLACEHOLDER_SPLIT = /[/.: T-]/;
const PLACEHOLDER_PART = /^(?:[\dXx?]{1,5}|[Yy]{2,4}|M{1,2}|m{1,2}|D{1,2}|d{1,2}|H{1,2}|h{1,2}|s{1,2}|S{1,2}|)$/;
const NOT_DIGITS = /\D/;
const PLACEHOLDER_ZONE = /[ ]?(?:UTC|Z)$/;

/** Unfinished stamp text from a template: `HH:mm`, `--:--`, `YYYY-MM-DD`, `20xx-MM-DD`, `2021/22-??-?? HH:mm`. */
export function isPlaceholderStamp(text: string): boolean {
  const body = text.trim().replace(PLACEHOLDER_ZONE, '');
  if (!PLACEHOLDER_TEXT.test(body)) return false;
  const pieces = body.split(PLACEHOLDER_SPLIT);
  if (pieces.length < 2 || !pieces.every((piece) => PLACEHOLDER_PART.test(piece))) return false;
  return body.includes('--:--') || pieces.some((piece) => NOT_DIGITS.test(piece));
}
