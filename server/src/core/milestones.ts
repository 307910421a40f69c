// Milestones (impact start, detected, mitigated, resolved) and the durations a document states about them.
// Evidence comes in strengths: markers and front matter beat field lines, which beat keywords in entries.
import type { ClaimKind, DurationClaim, DurationRef, MilestoneEvidence, Postmortem, Stamp, TimelineEntry } from './model';
import { textLines } from './timeline-entries';
import { takeFirst } from './lists';
import { MemoKey } from './memo';
import { normalizeHeading } from './template';
import { isSpace } from './text';
import type { MilestoneKind } from './types';

export type EvidenceKind = MilestoneKind | 'declared';

// A stated window counts for every reading, but names a milestone only when the timeline has nothing better.
// Whole numbers: one fraction among them makes V8 drop code it compiled for small integers.
export const STRENGTH = { window: 1, keyword: 2, field: 8, frontMatter: 10, marker: 12 } as const;

const FRONT_MATTER_KEYS: Record<string, EvidenceKind> = {
  start_time: 'start', started_at: 'start', start: 'start', impact_start: 'start', began_at: 'start', date: 'start',
  detected_at: 'detected', detected: 'detected', detection_time: 'detected',
  mitigated_at: 'mitigated', mitigated: 'mitigated',
  end_time: 'resolved', ended_at: 'resolved', end: 'resolved', resolved_at: 'resolved', resolvedwhen: 'resolved', resolved_when: 'resolved',
};

// Field labels, matched on the normalised label: "First detected", "**Repaired**:", "| Start time |".
const FIELD_LABELS: [RegExp, EvidenceKind][] = [
  [/^(?:impact start|incident start|start(?: time)?|started|outage start(?:ed)?|began)$/, 'start'],
  [/^(?:first detected|detected|detection(?: time)?|detected at)$/, 'detected'],
  [/^(?:incident declared|declared)$/, 'declared'],
  [/^(?:repaired|mitigated|mitigation(?: time)?|fixed|restored|recovered)$/, 'mitigated'],
  [/^(?:resolved|resolution(?: time)?|end(?: time)?|ended|closed|outage end(?:ed)?)$/, 'resolved'],
];
// The same labels written without a colon before the stamp: "  - First detected 2021-09-04 22:05".
const LABEL = /^[A-Za-z][A-Za-z ]{2,30}$/;

/**
 * The label in the text before a stamp, as `/^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z ]{2,30}?)(?:\*\*|__)?\s*:?\s+$/`
 * reads it, taken apart by hand: as one regex its runs of whitespace backtracked quadratically.
 */
function labelBefore(before: string): string | undefined {
  // Never past either end: what charCodeAt and [] return there makes V8 drop the code it compiled for this.
  const code = (i: number) => (i >= 0 && i < before.length ? before.charCodeAt(i) : -1);
  const space = (i: number) => isSpace(code(i));
  let end = before.length;
  if (!space(end - 1)) return undefined;
  while (space(end - 1)) end--;
  if (code(end - 1) === 58) {
    end--;
    while (space(end - 1)) end--;
  }
  if (end >= 2 && (before.startsWith('**', end - 2) || before.startsWith('__', end - 2))) end -= 2;
  let start = 0;
  while (space(start)) start++;
  const bullet = code(start);
  if ((bullet === 45 || bullet === 42 || bullet === 43) && space(start + 1)) {
    start++;
    while (space(start)) start++;
  }
  if (before.startsWith('**', start) || before.startsWith('__', start)) start += 2;
  const label = before.slice(start, Math.max(start, end));
  return LABEL.test(label) ? label : undefined;
}

const MARKERS: [RegExp, EvidenceKind, string][] = [
  [/(?:<|&lt;)\s*start of (?:the )?(?:outage|incident|impact)\s*(?:>|&gt;)|\boutage (?:begins|starts)\b|\[start\]/i, 'start', 'start marker'],
  [/\[detected\]/i, 'detected', '[detected] tag'],
  [/\[mitigated\]/i, 'mitigated', '[mitigated] tag'],
  [/(?:<|&lt;)\s*end of (?:the )?(?:outage|incident|impact)\s*(?:>|&gt;)|\boutage (?:ends|ended)\b|\[resolved\]|\[end\]/i, 'resolved', 'end marker'],
];

// Every marker has one of these: most stamped lines have none, and one test replaces four.
const MAY_MARK = /[<&]|outage|\[(?:start|detected|mitigated|resolved|end)\]/i;

// A 5xx status, not a quantity: "540 ms", "507 m" (a stated duration fix-all may write) are not errors. Its lookahead
// reads past a space.
const ERROR_STATUS = String.raw`5\d\d`;
const ERROR_STATUS_KEYWORD = String.raw`${ERROR_STATUS}\b(?![ \t]?(?:m?s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|[kmg]b|%)(?![a-z]))`;

// Keywords in timeline entries, by the milestone they suggest; an entry counts as evidence for every kind it has.
// A space in a keyword is written as a space (JOIN_WORD reads the words before them), not as \s.
const KEYWORDS: [string[], MilestoneKind][] = [
  [['first errors?', 'errors?', 'failures?', 'failing', 'failed', 'outage', 'degrad(?:ed|ation)', 'unavailable', 'unable to', String.raw`crash\w*`,
    ERROR_STATUS_KEYWORD,
    String.raw`stop(?:s|ped) \w+ing`, 'broke', 'breakage', 'elevated'], 'start'],
  [['alert(?:s|ed)?', 'paged?', 'noticed', 'detected', 'reported', 'reports', 'discovered', 'observed', 'became aware', 'notified',
    'reaching out', String.raw`investigat\w*`], 'detected'],
  [['rolled back', 'reverted', 'restored', 'recovered', 'mitigated', 'fixed', 'fix (?:lands|landed|deployed)', 'hotfix (?:was )?deployed',
    'back to (?:normal|nominal)', 'resumed', 'workaround'], 'mitigated'],
  [['resolved', 'all clear', 'closed', 'fully (?:re)?(?:stored|established|recovered|operational)', 'incident (?:is )?over'], 'resolved'],
];
const KEYWORD_WORDS = KEYWORDS.flatMap(([words]) => words);
// The keywords grouped by their first character (a lower-case letter or a digit, never regex syntax), each group in
// the keywords' order: only one group can match at a word, so the search finds what one flat alternation finds.
const KEYWORD_GROUPS = [...new Set(KEYWORD_WORDS.map((word) => word[0]))]
  .map((first) => `${first}(?:${KEYWORD_WORDS.filter((word) => word[0] === first).map((word) => word.slice(1)).join('|')})`);
// One pass for all kinds, read with test and RegExp.lastMatch: exec's result array (with a capture group per kind, a
// slot for each and a second copy of the keyword) was most of what a lint allocated for evidence. Grouped, the search
// tries at each word the few keywords that start with its letter, not all of them: 15% faster over a long timeline.
const KEYWORD = new RegExp(`\\b(?:${KEYWORD_GROUPS.join('|')})\\b`, 'gi');
// A keyword as written, whole: its group i + 1 is the kind KEYWORDS[i] whose alternative the search took. No two kinds
// have a keyword starting with the same word, and only the first kind's 5xx looks past the keyword.
const KEYWORD_KIND = new RegExp(`^(?:${KEYWORDS.map(([words]) => `(${words.join('|')})`).join('|')})$`, 'i');

/** A keyword as written: the index of its kind in KEYWORDS, and the source of its evidence. */
interface KeywordReading {
  kind: number;
  source: string;
}

// The statuses of status-page updates that mark a milestone: Statuspage writes "Monitoring" once a fix is in.
const STATUS_MILESTONES: Record<string, MilestoneKind | undefined> = { investigating: 'detected', monitoring: 'mitigated', resolved: 'resolved' };

// The bits of a kinds mask (bit i for KEYWORDS[i]) when every kind has been found.
const ALL_KINDS = (1 << KEYWORDS.length) - 1;

/**
 * The first keyword of each kind in `text` from `from` on into `found` (`found[i]` for KEYWORDS[i]), but for the kinds
 * in the mask `kindsFound`, and the mask of the kinds found with them: only their slots are written, so nothing is
 * cleared between entries. `readings`: the keywords read so far, by the text as written (a long timeline repeats a few
 * dozen keywords thousands of times).
 */
function findKeywords(text: string, from: number, kindsFound: number, found: KeywordReading[], readings: Map<string, KeywordReading>): number {
  let kinds = kindsFound;
  KEYWORD.lastIndex = from;
  while (KEYWORD.test(text)) {
    // The text of the match test just made: no other regex runs in between.
    const keyword = RegExp.lastMatch;
    let reading = readings.get(keyword);
    if (reading === undefined) {
      const groups = KEYWORD_KIND.exec(keyword)!;
      let group = 1;
      while (groups[group] === undefined) group++;
      reading = { kind: group - 1, source: `"${keyword}" in the timeline` };
      readings.set(keyword, reading);
    }
    const bit = 1 << reading.kind;
    if ((kinds & bit) === 0) {
      found[reading.kind] = reading;
      kinds |= bit;
      if (kinds === ALL_KINDS) break;
    }
    // Keywords of different kinds overlap ("fully restored", "restored"): go on from the character after the start.
    KEYWORD.lastIndex -= keyword.length - 1;
  }
  return kinds;
}

/**
 * The words of a keyword (a regex source) that a space follows, as regex sources: `hotfix (?:was )?deployed` has
 * `hotfix` and `was`, `stop(?:s|ped) \w+ing` has `stop(?:s|ped)`. A word runs back from its space over letters, escapes,
 * quantifiers and whole groups, to a group it opens in, an alternative or the keyword's start. A space in a character
 * class (`[ \t]`) follows no word.
 */
export function wordsBeforeSpaces(keyword: string): string[] {
  const words: string[] = [];
  let inClass = false;
  for (let at = 0; at < keyword.length; at++) {
    const c = keyword[at];
    if (c === '\\') at++;
    else if (c === '[' || c === ']') inClass = c === '[';
    if (c !== ' ' || inClass) continue;
    let start = at;
    for (;;) {
      const before = keyword[start - 1];
      if (before === ')') {
        let depth = 0;
        do {
          start--;
          if (keyword[start] === ')') depth++;
          else if (keyword[start] === '(') depth--;
        } while (depth > 0);
      } else if (before !== undefined && /[\w\\?*+]/.test(before)) {
        start--;
      } else {
        break;
      }
    }
    words.push(keyword.slice(start, at));
  }
  return words;
}

// A keyword can span a join in an entry's text ("rolled | back", "rolled\n  back") only where the cell or line before it
// ends with a word that a keyword has before a space, or with a 5xx status. Read at the start of that word, it matches
// when the whole word is one of them.
const JOIN_WORD = new RegExp(`(?:${[...new Set(KEYWORD_WORDS.flatMap(wordsBeforeSpaces)), ERROR_STATUS].join('|')})\\b`, 'iy');

// The lines of an entry's text and where it starts on each, for each entry in turn.
const textLineNumbers: number[] = [];
const textLineStarts: number[] = [];

/**
 * findKeywords over an entry's text. Searched on its lines as they stand in the document, without building the text,
 * where it finds the same keywords: no keyword can span a join of cells or lines.
 */
function findEntryKeywords(doc: Postmortem, entry: TimelineEntry, found: KeywordReading[], readings: Map<string, KeywordReading>): number {
  const count = textLines(entry, JOIN_WORD, textLineNumbers, textLineStarts);
  if (count < 0) return findKeywords(entry.text, 0, 0, found, readings);
  let kinds = 0;
  for (let i = 0; i < count && kinds !== ALL_KINDS; i++) {
    kinds = findKeywords(doc.index.lineText(textLineNumbers[i]), textLineStarts[i], kinds, found, readings);
  }
  return kinds;
}

/** Whether a stamp can mark a milestone: a real instant with a time of day. */
function isUsable(stamp: Stamp | undefined): stamp is Stamp {
  return !!stamp && stamp.epoch !== undefined && !!stamp.parts.time;
}

/** Whether a stamp outside the front matter can mark a milestone. */
function isBodyUsable(stamp: Stamp): boolean {
  return !stamp.inFrontMatter && isUsable(stamp);
}

export function readEvidence(doc: Postmortem): MilestoneEvidence[] {
  const evidence = foundEvidence;
  let count = 0;
  const add = (item: MilestoneEvidence) => {
    evidence[count++] = item;
  };
  // The stamps that can mark a milestone: those of the front matter, and each line's first usable stamp outside it.
  // Parse lists stamps in line order: a line's first is found by walking them, without a list of firsts (a long
  // document has thousands).
  const stamps = doc.stamps;
  const frontMatter: Stamp[] = [];
  let hasStartKey = false;
  // Indexed loops over the long lists: for-of allocates a result per element until V8 has optimised the loop, and these
  // run once per parse.
  for (let i = 0; i < stamps.length; i++) {
    const key = stamps[i].inFrontMatter ? stamps[i].frontMatterKey : undefined;
    if (!key) continue;
    frontMatter.push(stamps[i]);
    if (key !== 'date' && FRONT_MATTER_KEYS[key.toLowerCase()] === 'start') hasStartKey = true;
  }
  for (const stamp of frontMatter) {
    if (!isUsable(stamp)) continue;
    const key = stamp.frontMatterKey!.toLowerCase();
    const kind = FRONT_MATTER_KEYS[key];
    if (!kind || (key === 'date' && hasStartKey)) continue;
    add({ kind, stamp, source: `front matter ${stamp.frontMatterKey}`, strength: key === 'date' ? STRENGTH.field : STRENGTH.frontMatter });
  }
  // Fields are in line order too: one walk along the stamps finds each field's line.
  let next = 0;
  for (const field of doc.structure.fields) {
    while (next < stamps.length && stamps[next].line < field.line) next++;
    let first = next;
    while (first < stamps.length && stamps[first].line === field.line && !isBodyUsable(stamps[first])) first++;
    const stamp = first < stamps.length && stamps[first].line === field.line ? stamps[first] : undefined;
    if (!stamp || stamp.span.start < field.valueSpan.start) continue;
    const kind = labelKind(field.key);
    if (kind) add({ kind, stamp, source: `"${field.key}"`, strength: STRENGTH.field });
  }
  const withEvidence = new Set<Stamp>();
  for (let i = 0; i < count; i++) withEvidence.add(evidence[i]!.stamp);
  let firstLine = -1;
  for (let i = 0; i < stamps.length; i++) {
    const stamp = stamps[i];
    const line = stamp.line;
    if (line === firstLine || !isBodyUsable(stamp)) continue;
    firstLine = line;
    // A label of three letters or more ends with a blank right before the stamp: most stamped lines are ruled out by
    // those few characters.
    const lineStart = doc.index.lineStarts[line];
    const label = stamp.span.start - lineStart >= 4 && isSpace(doc.text.charCodeAt(stamp.span.start - 1))
      ? labelBefore(doc.text.slice(lineStart, stamp.span.start))
      : undefined;
    const kind = label && labelKind(label);
    if (kind && !withEvidence.has(stamp)) add({ kind, stamp, source: `"${label.trim()}"`, strength: STRENGTH.field });
    const lineText = doc.index.lineText(line);
    if (!MAY_MARK.test(lineText)) continue;
    for (const [pattern, markerKind, source] of MARKERS) {
      if (pattern.test(lineText)) add({ kind: markerKind, stamp, source, strength: STRENGTH.marker });
    }
  }
  for (const window of doc.windows) {
    if (window.from.epoch === undefined || window.to.epoch === undefined) continue;
    // A window written backwards reads as time-range-inverted's fix will write it, so the readings do not change
    // between fix-all passes.
    const backwards = window.to.epoch < window.from.epoch;
    const from = backwards ? window.to : window.from;
    const to = backwards ? window.from : window.to;
    // An end written as a date only ("from 2024-02-29") is a day, not an instant to measure from.
    if (from.parts.time) add({ kind: 'start', stamp: from, source: 'stated window', strength: STRENGTH.window });
    if (to.parts.time) add({ kind: 'resolved', stamp: to, source: 'stated window', strength: STRENGTH.window });
  }
  const found: KeywordReading[] = new Array(KEYWORDS.length);
  const readings = new Map<string, KeywordReading>();
  for (let e = 0; e < doc.timeline.length; e++) {
    const entry = doc.timeline[e];
    // An entry's stamp has a time (readTimeline takes no other): it is usable when it is a real instant.
    if (entry.stamp.epoch === undefined) continue;
    // A status-page update's prose is written for customers ("we are watching error rates" once it is fixed): its
    // status says what it marks.
    if (entry.status !== undefined) {
      const kind = STATUS_MILESTONES[entry.status.toLowerCase()];
      if (kind) add({ kind, stamp: entry.stamp, source: `"${entry.status}" update`, strength: STRENGTH.keyword });
      continue;
    }
    let kinds = findEntryKeywords(doc, entry, found, readings);
    // In the order of KEYWORDS, up to the last kind found: most entries have one keyword or none.
    for (let i = 0; kinds !== 0; i++, kinds >>= 1) {
      if (kinds & 1) add({ kind: KEYWORDS[i][1], stamp: entry.stamp, source: found[i].source, strength: STRENGTH.keyword });
    }
  }
  return takeFirst(evidence, count);
}

// Evidence is collected here and copied out at its length: a list grown by push left a copy of its room at each
// growth. Written by index and never shortened, it keeps its room between parses.
const foundEvidence: (MilestoneEvidence | undefined)[] = [];

function labelKind(label: string): EvidenceKind | undefined {
  const normalized = normalizeHeading(label);
  return FIELD_LABELS.find(([pattern]) => pattern.test(normalized))?.[1];
}

const CLAIM_LABELS: [RegExp, ClaimKind][] = [
  [/^(?:total |incident |outage |impact )?(?:duration|length|downtime)\b|^lasted(?: for)?$|^outage (?:length|duration)|^length of (?:the )?(?:outage|incident)/, 'impact'],
  [/^(?:time to detect(?:ion)?|ttd|mttd|detection time)$/, 'detect'],
  [/^(?:time to (?:repair|recover(?:y)?|mitigat(?:e|ion)|restore|fix)|ttr|ttm|mttr|mttm|recovery time|repair time)$/, 'mitigate'],
  [/^(?:time to resol(?:ve|ution)|resolution time)$/, 'resolve'],
];
// "Lasted for 8h": a claim at the start of a line without a colon.
const LASTED = /^\s*(?:[-*+]\s+)?(lasted(?: for)?|duration)\s+(?=[\d*_])/i;

/** Which milestone ends the interval each kind of claim states, best first. */
export const CLAIM_ENDS: Readonly<Record<ClaimKind, readonly MilestoneKind[]>> = {
  impact: ['resolved', 'mitigated'],
  detect: ['detected'],
  mitigate: ['mitigated', 'resolved'],
  resolve: ['resolved'],
};

export function readClaims(doc: Postmortem): DurationClaim[] {
  const claims: DurationClaim[] = [];
  const claimed = new Set<number>();
  // Parse lists durations in line order: a line's are found by binary search, without a map of lists by line.
  const durations = doc.durations;
  /** Claims the first duration from `from` on the line whose first duration is durations[`first`]. */
  const add = (kind: ClaimKind, label: string, first: number, from: number) => {
    const line = durations[first].line;
    let i = first;
    while (i < durations.length && durations[i].line === line && durations[i].span.start < from) i++;
    if (i === durations.length || durations[i].line !== line) return;
    const duration = durations[i];
    if (claimed.has(duration.span.start)) return;
    claimed.add(duration.span.start);
    claims.push({ kind, label, duration });
  };
  for (const field of doc.structure.fields) {
    // Only a line with a duration can hold a claim: most fields are ruled out before their label is read.
    if (doc.frontMatter && field.line <= doc.frontMatter.endLine) continue;
    const first = firstDurationFrom(durations, field.line);
    if (first === durations.length || durations[first].line !== field.line) continue;
    const normalized = normalizeHeading(field.key);
    const kind = CLAIM_LABELS.find(([pattern]) => pattern.test(normalized))?.[1];
    if (kind) add(kind, field.key, first, field.valueSpan.start);
  }
  for (let i = 0; i < durations.length; i++) {
    const line = durations[i].line;
    if ((i > 0 && durations[i - 1].line === line) || doc.structure.skipped[line]) continue;
    const match = LASTED.exec(doc.index.lineText(line));
    if (match) add('impact', match[1], i, doc.index.lineStarts[line] + match[0].length);
  }
  return claims.sort((a, b) => a.duration.span.start - b.duration.span.start);
}

/** The index of the first of `durations` (in line order) on `line` or after it. */
function firstDurationFrom(durations: readonly DurationRef[], line: number): number {
  let low = 0;
  let high = durations.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (durations[middle].line < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Rules ask for the same lists and milestones once per claim or finding: computed once per document.
const EVIDENCE_BY_KIND = new MemoKey<readonly (readonly MilestoneEvidence[])[]>();
const CANDIDATES = new MemoKey<Map<EvidenceKind, readonly MilestoneEvidence[]>>();
const CHOICE = new MemoKey<MilestoneChoice>();
const NO_EVIDENCE: readonly MilestoneEvidence[] = [];

/**
 * Each kind's place in lists by kind: looked up for every item of the evidence (thousands), where a Map keyed by the
 * kind was a quarter of duration-mismatch's time.
 */
function slotOf(kind: EvidenceKind): number {
  switch (kind) {
    case 'start': return 0;
    case 'detected': return 1;
    case 'declared': return 2;
    case 'mitigated': return 3;
    case 'resolved': return 4;
  }
}

/** The evidence for a milestone in the order it was read: the candidates unsorted. Do not modify the result. */
export function evidenceFor(doc: Postmortem, kind: EvidenceKind): readonly MilestoneEvidence[] {
  const byKind = doc.memo.get(EVIDENCE_BY_KIND, () => {
    // Each list allocated at its length, then filled: lists grown by push left a copy of their room at each growth.
    const evidence = doc.evidence;
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < evidence.length; i++) counts[slotOf(evidence[i].kind)]++;
    const lists: MilestoneEvidence[][] = [];
    for (let slot = 0; slot < counts.length; slot++) lists.push(new Array<MilestoneEvidence>(counts[slot]));
    const filled = [0, 0, 0, 0, 0];
    for (let i = 0; i < evidence.length; i++) {
      const slot = slotOf(evidence[i].kind);
      lists[slot][filled[slot]++] = evidence[i];
    }
    return lists;
  });
  const list = byKind[slotOf(kind)];
  return list.length ? list : NO_EVIDENCE;
}

/** Negative when `a` is the better candidate: stronger, then earlier (later for the resolution). */
function compareEvidence(a: MilestoneEvidence, b: MilestoneEvidence): number {
  return b.strength - a.strength || (a.kind === 'resolved' ? b.stamp.epoch! - a.stamp.epoch! : a.stamp.epoch! - b.stamp.epoch!);
}

/** Candidate stamps for a milestone, strongest first; within a strength, the natural pick first. Do not modify the result. */
export function candidates(doc: Postmortem, kind: EvidenceKind): readonly MilestoneEvidence[] {
  const cache = doc.memo.get(CANDIDATES, () => new Map());
  let found = cache.get(kind);
  if (!found) cache.set(kind, (found = [...evidenceFor(doc, kind)].sort(compareEvidence)));
  return found;
}

export interface MilestoneChoice {
  start?: MilestoneEvidence;
  detected?: MilestoneEvidence;
  mitigated?: MilestoneEvidence;
  resolved?: MilestoneEvidence;
  declared?: MilestoneEvidence;
}

/** The document's milestones: the first candidate for each, with the timeline's earliest entry as the start's fallback. */
export function chooseMilestones(doc: Postmortem): MilestoneChoice {
  return { ...doc.memo.get(CHOICE, () => choiceOf(doc)) };
}

function choiceOf(doc: Postmortem): MilestoneChoice {
  // Each kind's first candidate in one pass, without sorting them all: the first of the best, as the stable sort keeps it.
  const best: (MilestoneEvidence | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  for (let i = 0; i < doc.evidence.length; i++) {
    const item = doc.evidence[i];
    const slot = slotOf(item.kind);
    const current = best[slot];
    if (current === undefined || compareEvidence(item, current) < 0) best[slot] = item;
  }
  const choice: MilestoneChoice = {
    start: best[slotOf('start')], detected: best[slotOf('detected')], mitigated: best[slotOf('mitigated')], resolved: best[slotOf('resolved')], declared: best[slotOf('declared')],
  };
  if (!choice.start) {
    let first: Stamp | undefined;
    for (const entry of doc.timeline) if (entry.stamp.epoch !== undefined && (!first || entry.stamp.epoch < first.epoch!)) first = entry.stamp;
    if (first) choice.start = { kind: 'start', stamp: first, source: 'first timeline entry', strength: 0 };
    else if (choice.detected) choice.start = { ...choice.detected, kind: 'start', source: `${choice.detected.source} (no earlier start known)` };
  }
  return choice;
}
