/** The clock jobs are stamped with: the same on every thread, and it never steps back. */
export const jobClock = () => performance.timeOrigin + performance.now();
/**
 * [job id, when it began]: written by the worker as it begins each job (id 0: none), read by the
 * pool's time limit. The time is written first, so a new id is never read with an older time.
 */
export function runningCell(buffer) {
    const cell = new BigInt64Array(buffer);
    return {
        begin(id) {
            Atomics.store(cell, 1, BigInt(Math.round(jobClock())));
            Atomics.store(cell, 0, BigInt(id));
        },
        end() {
            Atomics.store(cell, 0, 0n);
        },
        read() {
            const id = Number(Atomics.load(cell, 0));
            return { id, since: Number(Atomics.load(cell, 1)) };
        },
    };
}
//# sourceMappingURL=parse-messages.js.map