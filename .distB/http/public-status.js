/** The counts of a full status (the desk's /status has the rest). */
export function publicStatus(status) {
    const problems = { error: 0, warning: 0, info: 0 };
    for (const p of status.problems)
        problems[p.severity]++;
    return {
        ready: status.ready,
        scanned: status.scanned,
        articles: status.articles,
        drafts: status.drafts,
        held: status.held.length,
        problems,
        watcher: status.watcher,
        lastRebuild: status.lastRebuild?.at ?? null,
    };
}
//# sourceMappingURL=public-status.js.map