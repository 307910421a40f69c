// Terminal colours: on for a TTY, off with NO_COLOR or TERM=dumb; FORCE_COLOR wins either way, as in Node itself.

export interface Colors {
  bold(text: string): string;
  underline(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
}

export function useColor(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR || env.TERM === 'dumb') return false;
  return isTTY;
}

export function createColors(enabled: boolean): Colors {
  const style = (open: number, close: number) => (text: string) => (enabled ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return {
    bold: style(1, 22),
    underline: style(4, 24),
    dim: style(2, 22),
    red: style(31, 39),
    yellow: style(33, 39),
    blue: style(34, 39),
  };
}
