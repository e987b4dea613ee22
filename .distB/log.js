// Operator log: one line per event, logfmt (`time level event key=value ...`), readable by people and by machines.
const ORDER = { debug: 0, info: 1, warn: 2, error: 3 };
function formatValue(value) {
    const s = String(value);
    return /^[\w./:@+-]+$/u.test(s) ? s : JSON.stringify(s);
}
/** Format one log line. */
function formatLine(time, level, event, fields = {}) {
    let line = `${time.toISOString()} ${level.toUpperCase().padEnd(5)} ${event}`;
    for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined && value !== null)
            line += ` ${key}=${formatValue(value)}`;
    }
    return `${line}\n`;
}
/** A logger writing to `out` (stderr by default), dropping lines below `minLevel`. */
export function createLogger(out = process.stderr, minLevel = 'info', clock = () => new Date()) {
    const write = (level) => (event, fields) => {
        if (ORDER[level] >= ORDER[minLevel])
            out.write(formatLine(clock(), level, event, fields));
    };
    return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
/**
 * `out`, written to once per turn of the event loop (or per 64 KB) instead of once per line: a
 * first scan logs a line per story, and each write to stderr (synchronous on a pipe or a file)
 * is a system call. What is pending is written when the process exits.
 */
export function batchedWriter(out = process.stderr) {
    let pending = [];
    let size = 0;
    let scheduled = false;
    const flush = () => {
        scheduled = false;
        if (pending.length === 0)
            return;
        const text = pending.join('');
        pending = [];
        size = 0;
        out.write(text);
    };
    process.on('exit', flush);
    return {
        write(chunk) {
            pending.push(chunk);
            size += chunk.length;
            if (size >= 65_536)
                flush();
            else if (!scheduled) {
                scheduled = true;
                setImmediate(flush);
            }
        },
    };
}
/** A logger that drops everything (for tests and `build --quiet`). */
export const silentLogger = { debug() { }, info() { }, warn() { }, error() { } };
//# sourceMappingURL=log.js.map