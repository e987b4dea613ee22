// Operator log: one line per event, logfmt (`time level event key=value ...`), readable by people and by machines.

export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, string | number | boolean | undefined | null>;

export interface Logger {
  debug(event: string, fields?: Fields): void;
  info(event: string, fields?: Fields): void;
  warn(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
}

const ORDER: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function formatValue(value: string | number | boolean): string {
  const s = String(value);
  return /^[\w./:@+-]+$/u.test(s) ? s : JSON.stringify(s);
}

/** Format one log line. */
function formatLine(time: Date, level: Level, event: string, fields: Fields = {}): string {
  let line = `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${event}`;
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) line += ` ${key}=${formatValue(value)}`;
  }
  return `${line}\n`;
}

/** A logger writing to `out` (stderr by default), dropping lines below `minLevel`. */
export function createLogger(
  out: { write(chunk: string): unknown } = process.stderr,
  minLevel: Level = 'info',
  clock: () => Date = () => new Date(),
): Logger {
  const write = (level: Level) => (event: string, fields?: Fields) => {
    if (ORDER[level] >= ORDER[minLevel]) out.write(formatLine(clock(), level, event, fields));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * `out`, written to once per turn of the event loop (or per 64 KB) instead of once per line: a
 * first scan logs a line per story, and each write to stderr (synchronous on a pipe or a file)
 * is a system call. What is pending is written when the process exits.
 */
export function batchedWriter(out: { write(chunk: string): unknown } = process.stderr): { write(chunk: string): void } {
  let pending: string[] = [];
  let size = 0;
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    out.write(text);
  };
  process.on('exit', flush);
  return {
    write(chunk: string) {
      pending.push(chunk);
      size += chunk.length;
      if (size >= 65_536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

/** A logger that drops everything (for tests and `build --quiet`). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
