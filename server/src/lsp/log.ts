// Logging to the client's output channel, and the wrapper that keeps a failing handler from reaching the client
// as anything worse than an empty answer.
import type { RemoteConsole } from 'vscode-languageserver';

export class Log {
  private readonly seen = new Set<string>();

  constructor(private readonly console: RemoteConsole) {}

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string): void {
    this.console.error(message);
  }

  /** Shown by VS Code only at log level Debug. */
  debug(message: string): void {
    this.console.debug(message);
  }

  /** Logs `message` the first time `key` is seen in this session: a broken rule would otherwise log on every keystroke. */
  errorOnce(key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.error(message);
  }
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** A request handler whose exceptions are logged and answered with null (or `fallback`'s value): the server never dies of one. */
export function guard<P, R>(log: Log, method: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | null>;
export function guard<P, R>(log: Log, method: string, handler: (params: P) => R | Promise<R>, fallback: (params: P) => R): (params: P) => Promise<R>;
export function guard<P, R>(log: Log, method: string, handler: (params: P) => R | Promise<R>, fallback?: (params: P) => R): (params: P) => Promise<R | null> {
  return async (params) => {
    try {
      return await handler(params);
    } catch (error) {
      log.error(`${method} failed: ${describeError(error)}`);
      return fallback ? fallback(params) : null;
    }
  };
}

/** A notification handler whose exceptions are logged. */
export function guardNotification<P>(log: Log, method: string, handler: (params: P) => void | Promise<void>): (params: P) => Promise<void> {
  return async (params) => {
    try {
      await handler(params);
    } catch (error) {
      log.error(`${method} failed: ${describeError(error)}`);
    }
  };
}
