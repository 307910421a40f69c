// Times and durations as the preview shows them: clock times in the chosen zone (Intl, no zone data of our own)
// and durations the way postmortems write them.

/** `26min`, `4h 25min`, `1d 5h 47min`. */
export function formatDuration(minutes: number): string {
  const total = Math.round(Math.abs(minutes));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const parts = [days ? `${days}d` : '', hours ? `${hours}h` : '', rest || total === 0 ? `${rest}min` : ''];
  return `${minutes < 0 && total > 0 ? '-' : ''}${parts.filter(Boolean).join(' ')}`;
}

export interface Clock {
  /** What Intl was given: `UTC` or an IANA name. */
  zone: string;
  /** `14:38` */
  time(ms: number): string;
  /** `2023-11-28` */
  date(ms: number): string;
  /** `Nov 28` */
  shortDate(ms: number): string;
  /** `UTC`, `PDT`, `GMT+5:30` */
  abbreviation(ms: number): string;
  /** Minutes east of UTC at that instant. */
  offsetMinutes(ms: number): number;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  zoneName: string;
}

/** A clock for the zone, or null when this browser does not know the zone. */
export function createClock(zone: string): Clock | null {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
    });
  } catch {
    return null;
  }
  const parts = (ms: number): Parts => {
    const values: Record<string, string> = {};
    for (const part of format.formatToParts(ms)) values[part.type] = part.value;
    return {
      year: Number(values.year), month: Number(values.month), day: Number(values.day),
      hour: Number(values.hour) % 24, minute: Number(values.minute), zoneName: values.timeZoneName ?? zone,
    };
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    zone,
    time: (ms) => {
      const p = parts(ms);
      return `${pad(p.hour)}:${pad(p.minute)}`;
    },
    date: (ms) => {
      const p = parts(ms);
      return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
    },
    shortDate: (ms) => {
      const p = parts(ms);
      return `${MONTHS[p.month - 1]} ${p.day}`;
    },
    abbreviation: (ms) => parts(ms).zoneName,
    offsetMinutes: (ms) => {
      const p = parts(ms);
      const minute = Math.floor(ms / 60_000) * 60_000;
      return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - minute) / 60_000);
    },
  };
}

/** Zones the user can switch to: every zone this browser knows, or a short list where it cannot tell. */
export function knownZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];
}

/**
 * Whether a zone from the document can be offered: an IANA `Area/Location` name or a numeric offset this browser
 * knows. Abbreviations are left out even where Intl takes them (ICU reads `PST` as Los Angeles time, daylight
 * saving included): the document meant a fixed offset, and that would silently be another.
 */
export function isSelectableZone(zone: string): boolean {
  return /^(?:[A-Za-z_]+\/[A-Za-z_/+-]+|[+-]\d{2}:\d{2})$/.test(zone) && createClock(zone) !== null;
}

export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
