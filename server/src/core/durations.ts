// Stated durations ("4h25min", "0 days, 0 hours and 26 minutes", "seven hours and ten minutes",
// "PT4H25M"): where they are, what they are worth, how precise the author was, and how to write a
// corrected value the way the author wrote the original.
import { emptied } from './lists';
import { sharedList } from './shared-values';
import { isDigit, isLetter } from './text';

type Unit = 'd' | 'h' | 'm' | 's';

/** How one part ("26 minutes", "4h") was written. */
interface PartStyle {
  readonly unit: Unit;
  /** The unit as written ("minutes", "min", "h", "Hours"). */
  readonly spelling: string;
  /** Between number and unit: '', ' ', NBSP or '-' ("seven-hour"). */
  readonly gap: string;
  readonly numeral: 'digits' | 'words' | 'article';
  /** Zero-padded width ("05" → 2), 0 when not padded. */
  readonly pad: number;
}

/** How a duration was written. Opaque to callers: only `formatDurationLike` reads it. */
export interface DurationStyle {
  readonly iso: boolean;
  /** Largest unit first; every unit strictly smaller than the one before. */
  readonly parts: readonly PartStyle[];
  /** seps[i] sits between parts[i] and parts[i + 1]. */
  readonly seps: readonly string[];
  /** The author wrote a zero part ("0 days, 0 hours and 26 minutes"): always write every part. */
  readonly fixed: boolean;
  /** A decimal ("1.5 hours"): precision is half the unit. */
  readonly half: boolean;
  /** Starts with a capitalised word ("Seven hours"). */
  readonly capital: boolean;
}

export interface DurationMatch {
  /** UTF-16 offsets in the scanned text, half-open, exactly the duration. */
  start: number;
  end: number;
  text: string;
  /** Fractional only when seconds (or a decimal) are written. */
  minutes: number;
  /** Minutes either side covered by the stated precision. */
  tolerance: number;
  style: DurationStyle;
}

const SECONDS: Record<Unit, number> = { d: 86400, h: 3600, m: 60, s: 1 };
const RANK: Record<Unit, number> = { d: 0, h: 1, m: 2, s: 3 };
// Half the smallest unit written; the rule adds the ±1 minute of the minute stamps it compares against.
const TOLERANCE: Record<Unit, number> = { d: 720, h: 30, m: 0.5, s: 0.5 };

interface Spelling {
  readonly unit: Unit;
  readonly one: string;
  readonly many: string;
  /** The next smaller unit in the same family, for values that round to zero. */
  readonly finer?: string;
}

function spelling(unit: Unit, one: string, many: string, finer?: string): Spelling {
  return { unit, one, many, finer };
}

// Bare abbreviations (h, min, hr) are invariant; the author's plural abbreviations (hrs, mins) singularise at 1.
const SPELLINGS = new Map<string, Spelling>([
  ['d', spelling('d', 'd', 'd', 'h')],
  ['day', spelling('d', 'day', 'days', 'hours')],
  ['days', spelling('d', 'day', 'days', 'hours')],
  ['h', spelling('h', 'h', 'h', 'm')],
  ['hr', spelling('h', 'hr', 'hr', 'min')],
  ['hrs', spelling('h', 'hr', 'hrs', 'mins')],
  ['hour', spelling('h', 'hour', 'hours', 'minutes')],
  ['hours', spelling('h', 'hour', 'hours', 'minutes')],
  ['m', spelling('m', 'm', 'm')],
  ['min', spelling('m', 'min', 'min')],
  ['mins', spelling('m', 'min', 'mins')],
  ['minute', spelling('m', 'minute', 'minutes')],
  ['minutes', spelling('m', 'minute', 'minutes')],
  ['s', spelling('s', 's', 's')],
  ['sec', spelling('s', 'sec', 'sec')],
  ['secs', spelling('s', 'sec', 'secs')],
  ['second', spelling('s', 'second', 'seconds')],
  ['seconds', spelling('s', 'second', 'seconds')],
]);

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const NUMBER_WORD =
  `(?:(?:${TENS.slice(2).join('|')})(?:[- ](?:${ONES.slice(1, 10).join('|')}))?|${ONES.join('|')})`;
const UNIT = 'days|day|d|hours|hour|hrs|hr|h|minutes|minute|mins|min|m|seconds|second|secs|sec|s';
// Words need a separator from their unit; digits may touch it ("4h"). The lookahead keeps "5 MB",
// "3 months" and "2 mins" from matching a shorter unit. readPart reads a match from its ends, not from groups (the
// unit's group is how the ReDoS test recognises this regex).
const PART =
  `(?:\\d{1,9}(?:\\.\\d{1,9})?[ \\u00a0-]?|(?:${NUMBER_WORD}|an?)[ \\u00a0-])` +
  `(${UNIT})(?!\\p{L})`;
// Not inside a word or number ("a8h3", "0x8h", "id1d2", "v2.5h", "10:30h"), not money ("$5m"), not an
// identifier ("timeout_5m"); markdown emphasis ("**4h**", "__4 hours__") is fine.
const LEAD = '(?<![\\p{L}\\p{N}$£€¥]|[\\p{L}\\p{N}]_|\\d[.,:])';
// Sticky: tried only where scanUnits finds a duration can start. As a global search it spent most of its time
// evaluating the lookbehind at every position. Tested, not executed: a match's result and captures cost more than
// reading it again from where it starts and ends. No part starts with an "h" as "half an hour" does.
const FIRST = new RegExp(`${LEAD}(?:${PART}|half[ \\u00a0]an[ \\u00a0]hour(?!\\p{L}))`, 'iuy');
// The first group is the separator; the part follows it.
const NEXT = new RegExp(`(,?[ \\u00a0]+and[ \\u00a0]+|,[ \\u00a0]*|[ \\u00a0]*)${PART}`, 'iuy');
const NEXT_SEP = 1;
const ISO =
  /(?<![\p{L}\p{N}])P(?:(\d{1,9})D)?(?:T(?=\d)(?:(\d{1,9})H)?(?:(\d{1,9})M)?(?:(\d{1,9}(?:\.\d{1,9})?)S)?)?(?![\p{L}\p{N}])/gu;
const ISO_UNITS: readonly Unit[] = ['d', 'h', 'm', 's'];
// Where a duration's first part meets its unit: the number's last digit before the unit's first letter (after an
// optional space, no-break space or hyphen), or the gap before a unit word, which a number word, "a", "an" or
// "half an" precedes. Most lines have none. Without the Unicode flag "ſ" does not fold to "s" here: units spelt
// with it are not durations anyway. Tested, not executed (see anchorStart): exec would allocate a result for each.
const ANCHOR = /\d[ \u00a0-]?[dhms]|[ \u00a0-](?:hour|hr|min|day|sec)/gi;
const AFTER_END = /[\p{L}\p{N}]|_[\p{L}\p{N}]/uy;

interface Part {
  readonly style: PartStyle;
  /** In units of `style.unit`. */
  readonly value: number;
  readonly decimal: boolean;
}

/** The value of a number word, or -1 for a word that only case-folds to one ("ſix"). */
function wordValue(word: string): number {
  const [tens, ones] = word.toLowerCase().split(/[- ]/);
  const t = TENS.indexOf(tens);
  if (t <= 0) return ONES.indexOf(tens);
  if (ones === undefined) return t * 10;
  const o = ONES.indexOf(ones);
  return o > 0 ? t * 10 + o : -1;
}

/** The part PART matched at [start, end), if it is a duration's part. */
function readPart(text: string, start: number, end: number): Part | undefined {
  // The unit is the match's last letters, after a digit or a gap.
  let unitStart = end;
  while (!isDigit(text.charCodeAt(unitStart - 1)) && !isGap(text.charCodeAt(unitStart - 1))) unitStart--;
  const numberEnd = isGap(text.charCodeAt(unitStart - 1)) ? unitStart - 1 : unitStart;
  const unitText = text.slice(unitStart, end);
  // The regex is Unicode case-insensitive: "ſ" (long s) matches the unit "s", but only ASCII spellings are units.
  const entry = SPELLINGS.get(unitText.toLowerCase());
  if (entry === undefined) return undefined;
  const letter = unitText.length === 1;
  // Upper-case letters are other units: "10M users", "5 MB".
  if (letter && unitText !== unitText.toLowerCase()) return undefined;
  const gap = text.slice(numberEnd, unitStart);
  if (isDigit(text.charCodeAt(start))) {
    const num = text.slice(start, numberEnd);
    if (gap === '-' && letter) return undefined;
    const value = Number(num);
    // "502s", "100s of requests", "1990s": plurals, not seconds.
    if (unitText === 's' && gap === '' && value >= 100) return undefined;
    const pad = num.length > 1 && num.startsWith('0') && !num.includes('.') ? num.length : 0;
    return { style: partStyle(entry.unit, unitText, gap, 'digits', pad), value, decimal: num.includes('.') };
  }
  if (letter) return undefined;
  const word = text.slice(start, numberEnd).toLowerCase();
  if (word === 'a' || word === 'an') {
    // Only "an hour" and "a minute": "a second PR", "24 hours a day" are not durations.
    const unit = unitText.toLowerCase();
    const fits = word === 'an' ? unit === 'hour' : unit === 'minute' || unit === 'min';
    if (!fits || gap === '-') return undefined;
    return { style: partStyle(entry.unit, unitText, gap, 'article', 0), value: 1, decimal: false };
  }
  const value = wordValue(word);
  if (value < 0) return undefined;
  return { style: partStyle(entry.unit, unitText, gap, 'words', 0), value, decimal: false };
}

// Styles are shared between durations, as stamps' are: a document writes its durations in a few ways, and a parse
// keeps every one. Never changed in place. Each map is emptied when it grows past a bound: pasted text must not grow
// it for ever.
const SHARED_LIMIT = 1024;
const PART_STYLES = new Map<string, PartStyle[]>();
const STYLES = new Map<PartStyle, DurationStyle[]>();

function partStyle(unit: Unit, spelling: string, gap: string, numeral: PartStyle['numeral'], pad: number): PartStyle {
  const styles = sharedList(PART_STYLES, spelling, SHARED_LIMIT);
  for (let i = 0; i < styles.length; i++) {
    const style = styles[i];
    if (style.unit === unit && style.gap === gap && style.numeral === numeral && style.pad === pad) return style;
  }
  const style: PartStyle = { unit, spelling, gap, numeral, pad };
  if (styles.length < 16) styles.push(style);
  return style;
}

/** Whether `style` writes `parts` (whose styles are shared) joined by `seps`. */
function writes(style: DurationStyle, parts: readonly Part[], seps: readonly string[]): boolean {
  if (style.parts.length !== parts.length) return false;
  for (let i = 0; i < parts.length; i++) if (style.parts[i] !== parts[i].style) return false;
  for (let i = 0; i < seps.length; i++) if (style.seps[i] !== seps[i]) return false;
  return true;
}

function durationStyle(parts: readonly Part[], seps: readonly string[], iso: boolean, fixed: boolean, half: boolean, capital: boolean): DurationStyle {
  const head = parts[0].style;
  const styles = sharedList(STYLES, head, SHARED_LIMIT);
  for (let i = 0; i < styles.length; i++) {
    const style = styles[i];
    if (style.iso === iso && style.fixed === fixed && style.half === half && style.capital === capital && writes(style, parts, seps)) return style;
  }
  const style: DurationStyle = { iso, parts: parts.map((p) => p.style), seps: seps.slice(), fixed, half, capital };
  if (styles.length < 16) styles.push(style);
  return style;
}

function matchOf(text: string, start: number, end: number, parts: readonly Part[], seps: readonly string[], iso: boolean): DurationMatch {
  let seconds = 0;
  let fixed = false;
  for (let i = 0; i < parts.length; i++) {
    seconds += parts[i].value * SECONDS[parts[i].style.unit];
    if (parts[i].value === 0) fixed = true;
  }
  const last = parts[parts.length - 1];
  const half = parts.length === 1 && last.decimal;
  const tolerance = half && (last.style.unit === 'h' || last.style.unit === 'd') ? TOLERANCE[last.style.unit] / 2 : TOLERANCE[last.style.unit];
  const first = text.charCodeAt(start);
  const capital = !iso && parts[0].style.numeral !== 'digits' && first >= 65 && first <= 90;
  return {
    start,
    end,
    text: text.slice(start, end),
    minutes: seconds / 60,
    tolerance,
    style: durationStyle(parts, seps, iso, fixed, half, capital),
  };
}

const isGap = (c: number) => c === 32 || c === 0xa0 || c === 45;
/** The end (-1) or an ASCII character that is no letter or digit: no regex here finds a letter or number there. */
const isAsciiMark = (c: number) => c < 128 && !isDigit(c) && !isLetter(c);

/** The character code at `i`, or -1 outside the text (charCodeAt's NaN there makes V8 drop optimised code). */
function codeAt(text: string, i: number): number {
  return i >= 0 && i < text.length ? text.charCodeAt(i) : -1;
}

/** Where the run of `is` characters that ends at `last` starts (`last + 1` when there is none). */
function runStart(text: string, last: number, is: (c: number) => boolean): number {
  let i = last;
  while (i >= 0 && is(text.charCodeAt(i))) i--;
  return i + 1;
}

/**
 * Finds what a global search for FIRST would, trying FIRST only where a duration can start. A duration's first part
 * holds an ANCHOR match that no other ANCHOR match overlaps: it starts with a digit or with a gap after a letter,
 * and past its first character any ANCHOR match holds only letters and, after a digit, a gap. The duration starts
 * where the number before that unit starts, a decimal's whole part included (LEAD rules out a start inside a number
 * or right after "4."), or where its number word does: the ASCII word before the gap, or the one before that
 * ("twenty-seven", "half an"). These candidates come in increasing order. Returns whether `text` holds an ANCHOR match.
 */
function scanUnits(text: string, out: DurationMatch[]): boolean {
  // No duration starts before the end of the last one.
  let from = 0;
  let anchored = false;
  ANCHOR.lastIndex = 0;
  while (ANCHOR.test(text)) {
    anchored = true;
    const at = anchorStart(text, ANCHOR.lastIndex);
    if (isDigit(text.charCodeAt(at))) {
      let start = runStart(text, at, isDigit);
      if (codeAt(text, start - 1) === 46 && isDigit(codeAt(text, start - 2))) start = runStart(text, start - 2, isDigit);
      from = scanAt(text, start, from, out);
    } else {
      const word = runStart(text, at - 1, isLetter);
      if (word === at) continue;
      if (isGap(codeAt(text, word - 1)) && isLetter(codeAt(text, word - 2))) {
        from = scanAt(text, runStart(text, word - 2, isLetter), from, out);
      }
      from = scanAt(text, word, from, out);
    }
    // ANCHOR matches inside the duration just read give no later candidates.
    if (ANCHOR.lastIndex < from) ANCHOR.lastIndex = from;
  }
  return anchored;
}

/**
 * Where the ANCHOR match that ends at `end` starts. Its letters are one unit letter, after a digit and maybe a gap, or
 * a unit word of two letters or more, after a gap. (A regex matching only the digit or gap, the rest a lookahead,
 * would say where it starts, but its search took half as long again.)
 */
function anchorStart(text: string, end: number): number {
  const letters = runStart(text, end - 1, isLetter);
  if (end - letters > 1) return letters - 1;
  return isDigit(text.charCodeAt(letters - 1)) ? letters - 1 : letters - 2;
}

/** Reads the duration starting at `start` into `out` if there is one; returns where the next one may start. */
function scanAt(text: string, start: number, from: number, out: DurationMatch[]): number {
  if (start < from) return from;
  FIRST.lastIndex = start;
  if (!FIRST.test(text)) return from;
  let end = FIRST.lastIndex;
  if ((text.charCodeAt(start) | 32) === 104) {
    const half = text.slice(start, end);
    const hour = half.slice(-4);
    out.push({
      start,
      end,
      text: half,
      minutes: 30,
      tolerance: TOLERANCE.h / 2,
      // Written back in words as hours and minutes, so a corrected value can be exact.
      style: {
        iso: false,
        parts: [
          { unit: 'h', spelling: hour, gap: ' ', numeral: 'words', pad: 0 },
          { unit: 'm', spelling: applyCase('minutes', hour), gap: ' ', numeral: 'words', pad: 0 },
        ],
        seps: [' and '],
        fixed: false,
        half: false,
        capital: text.charCodeAt(start) === 72,
      },
    });
    return end;
  }
  const head = readPart(text, start, end);
  if (head === undefined) return from;
  const parts = emptied(PARTS);
  const seps = emptied(SEPS);
  parts.push(head);
  // A decimal is a whole statement ("1.5 hours"); only whole numbers combine ("4h 25m").
  while (!parts[parts.length - 1].decimal) {
    // Most durations end a clause: a separator starts with a comma or a gap, a part with a letter or digit.
    const next = codeAt(text, end);
    if (isAsciiMark(next) && next !== 44 && next !== 32) break;
    NEXT.lastIndex = end;
    const n = NEXT.exec(text);
    if (n === null) break;
    const part = readPart(text, end + n[NEXT_SEP].length, NEXT.lastIndex);
    if (part === undefined || part.decimal || RANK[part.style.unit] <= RANK[parts[parts.length - 1].style.unit]) break;
    parts.push(part);
    seps.push(n[NEXT_SEP]);
    end = NEXT.lastIndex;
  }
  // "10h30" is a clock time, "5m_timeout" an identifier.
  const after = codeAt(text, end);
  if (!isAsciiMark(after) || after === 95) {
    AFTER_END.lastIndex = end;
    if (AFTER_END.test(text)) return from;
  }
  out.push(matchOf(text, start, end, parts, seps, false));
  return end;
}

function scanIso(text: string, out: DurationMatch[]): void {
  ISO.lastIndex = 0;
  for (let m = ISO.exec(text); m !== null; m = ISO.exec(text)) {
    const parts = emptied(PARTS);
    for (let i = 0; i < 4; i++) {
      const num = m[i + 1];
      if (num === undefined) continue;
      const unit = ISO_UNITS[i];
      parts.push({
        style: partStyle(unit, unit.toUpperCase(), '', 'digits', 0),
        value: Number(num),
        decimal: num.includes('.'),
      });
    }
    // A lone "P" ("P.", "see P") has no components.
    if (parts.length === 0) continue;
    out.push(matchOf(text, m.index, m.index + m[0].length, parts, emptied(SEPS), true));
  }
}

// Most texts hold no duration: they all get this one array. The others' are copied out of `found`.
const NONE: readonly DurationMatch[] = Object.freeze([]);
const found: DurationMatch[] = [];
// A duration's parts and separators are read into these, and copied out only into a style not seen before.
const PARTS: Part[] = [];
const SEPS: string[] = [];

/** Every stated duration in `text`, in order. Cheap on text without a digit or a gap right before a unit. */
export function scanDurations(text: string): readonly DurationMatch[] {
  scanDurationsInto(text, found);
  if (found.length === 0) return NONE;
  const out = found.slice();
  emptied(found);
  return out;
}

/** scanDurations into the caller's list, which may be reused from piece to piece: `out` starts empty. */
export function scanDurationsInto(text: string, out: DurationMatch[]): void {
  // Each part of an ISO duration ("25M") is an ANCHOR match too: most texts hold none, and need no search for a "P".
  if (scanUnits(text, out) && text.indexOf('P') >= 0) {
    const before = out.length;
    scanIso(text, out);
    if (before > 0 && out.length > before) out.sort((a, b) => a.start - b.start);
  }
}

function applyCase(word: string, like: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  const c = like.charCodeAt(0);
  return c >= 65 && c <= 90 ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

function numberWord(n: number): string {
  return n < 20 ? ONES[n] : TENS[Math.floor(n / 10)] + (n % 10 === 0 ? '' : `-${ONES[n % 10]}`);
}

function renderPart(p: PartStyle, value: number): string {
  const entry = SPELLINGS.get(p.spelling.toLowerCase()) as Spelling;
  // "seven-hour outage": a hyphenated unit is an adjective and stays singular.
  const unit = applyCase(value === 1 || p.gap === '-' ? entry.one : entry.many, p.spelling);
  let num: string;
  if (p.numeral === 'article' && value === 1) num = p.unit === 'h' ? 'an' : 'a';
  else if (p.numeral !== 'digits' && value < 100) num = numberWord(value);
  else num = String(value).padStart(p.pad, '0');
  // The scanner reads "420s" as a plural like "502s"; a space keeps it a duration.
  const gap = p.gap === '' && p.spelling === 's' && value >= 100 ? ' ' : p.gap;
  return num + gap + unit;
}

/** The author's layout at its own precision, or one unit finer when that would round a non-zero value to zero. */
function layout(style: DurationStyle, seconds: number): { parts: readonly PartStyle[]; values: number[] } {
  let parts = style.parts;
  let last = parts[parts.length - 1];
  let step = SECONDS[last.unit] * (style.half ? 0.5 : 1);
  let total = Math.round(seconds / step) * step;
  while (total === 0 && seconds > 0) {
    const finer = SPELLINGS.get(last.spelling.toLowerCase())?.finer;
    if (finer === undefined) break;
    last = { ...last, unit: (SPELLINGS.get(finer) as Spelling).unit, spelling: applyCase(finer, last.spelling), pad: 0 };
    parts = [last];
    step = SECONDS[last.unit];
    total = Math.round(seconds / step) * step;
  }
  // The largest unit takes everything above it: without a days unit, hours go past 24.
  const values = parts.map((p, i) => {
    const size = SECONDS[p.unit];
    const v = i === parts.length - 1 ? total / size : Math.floor(total / size);
    total -= v * size;
    return v;
  });
  return { parts, values };
}

/**
 * `minutes` written the way `like` was written: same units, spellings, spacing, separators, numerals
 * and precision. Choices:
 * - The author's precision is kept: an hour-only style rounds to the nearest hour ("8h" → "10h",
 *   "2 hrs" + 150 → "3 hrs"), a decimal style to the nearest half unit; a non-zero value that would
 *   round to zero is written one unit finer instead ("8h" + 20 → "20m").
 * - No unit is added: a minutes-only style stays minutes ("548 minutes"), hours go past 24 when the
 *   author wrote no days ("21h 48m").
 * - Zero parts at either end are dropped ("4h25min" + 240 → "4h", "1d 5h 47m" + 851 → "14h 11m"),
 *   inner ones kept ("1d 0h 5m"), unless the author wrote a zero part themselves, which makes the
 *   layout fixed ("1 day, 0 hours and 11 minutes"). ISO 8601 drops every zero component.
 */
export function formatDurationLike(minutes: number, like: DurationMatch): string {
  const style = like.style;
  // A fix never claims a negative duration.
  const { parts, values } = layout(style, Math.max(0, minutes) * 60);
  const n = parts.length;
  let first = 0;
  let last = n - 1;
  if (style.iso || !style.fixed) {
    while (first < last && values[first] === 0) first++;
    while (last > first && values[last] === 0) last--;
  }
  if (style.iso) {
    let date = '';
    let time = '';
    for (let i = first; i <= last; i++) {
      if (values[i] === 0 && first !== last) continue;
      const piece = String(values[i]) + parts[i].spelling;
      if (parts[i].unit === 'd') date = piece;
      else time += piece;
    }
    return `P${date}${time === '' ? '' : `T${time}`}`;
  }
  let out = renderPart(parts[first], values[first]);
  for (let i = first + 1; i <= last; i++) {
    // The author's last separator ("and") goes before whatever part is written last.
    out += (i === last ? style.seps[style.seps.length - 1] : style.seps[i - 1]) + renderPart(parts[i], values[i]);
  }
  return style.capital ? out.charAt(0).toUpperCase() + out.slice(1) : out;
}

/** Neutral form for messages: `1d 5h47m`, `4h25m`, `26m`, `8h`, `1m30s`, `0m`; zero units are left out. */
export function formatDurationShort(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  let rest = Math.round(Math.abs(minutes) * 60);
  const d = Math.floor(rest / 86400);
  rest -= d * 86400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const clock = (h > 0 ? `${h}h` : '') + (m > 0 ? `${m}m` : '') + (s > 0 ? `${s}s` : '');
  const body = d > 0 ? (clock === '' ? `${d}d` : `${d}d ${clock}`) : clock;
  return body === '' ? '0m' : sign + body;
}
