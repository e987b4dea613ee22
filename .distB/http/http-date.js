// HTTP-date (RFC 9110 §5.6.7): the three forms a recipient must accept, and nothing else.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = MONTHS.join('|');
const DAY = 'Mon|Tue|Wed|Thu|Fri|Sat|Sun';
const LONG_DAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday';
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` (the preferred form). */
const IMF_FIXDATE = new RegExp(`^(?:${DAY}), (\\d{2}) (${MONTH}) (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete). */
const RFC_850 = new RegExp(`^(?:${LONG_DAY}), (\\d{2})-(${MONTH})-(\\d{2}) ${TIME} GMT$`);
/** `Sun Nov  6 08:49:37 1994` (C's asctime, obsolete). */
const ASCTIME = new RegExp(`^(?:${DAY}) (${MONTH}) ([ \\d]\\d) ${TIME} (\\d{4})$`);
/**
 * The instant (epoch ms) an HTTP-date names, or undefined when `value` is not exactly one of the
 * three forms or names no real moment (31 Feb, 25:00). Unlike `Date.parse`, `3000`, `2100-01-01`
 * or `yesterday` are not dates here. An RFC 850 two-digit year more than 50 years ahead of `now`
 * is the most recent past year with those digits (§5.6.7).
 */
export function parseHttpDate(value, now = Date.now()) {
    let m = IMF_FIXDATE.exec(value);
    if (m)
        return instant(Number(m[3]), m[2], m[1], m.slice(4, 7));
    m = RFC_850.exec(value);
    if (m) {
        const current = new Date(now).getUTCFullYear();
        let year = Math.floor(current / 100) * 100 + Number(m[3]);
        if (year > current + 50)
            year -= 100;
        return instant(year, m[2], m[1], m.slice(4, 7));
    }
    m = ASCTIME.exec(value);
    if (m)
        return instant(Number(m[6]), m[1], (m[2] ?? '').trim(), m.slice(3, 6));
    return undefined;
}
function instant(year, monthName, dayText, time) {
    const month = MONTHS.indexOf(monthName ?? '');
    const day = Number(dayText);
    const [h, min, s] = time.map(Number);
    // A leap second (60) is the last second of its minute for comparison's sake.
    const at = Date.UTC(year, month, day, h, min, Math.min(s, 59));
    const d = new Date(at);
    const real = d.getUTCMonth() === month && d.getUTCDate() === day && d.getUTCHours() === h && d.getUTCMinutes() === min && s <= 60;
    return real ? at : undefined;
}
//# sourceMappingURL=http-date.js.map