export function createProgress(stream, log, clock = Date.now) {
    let lastLine = 0;
    return (done, total) => {
        if (total < 200)
            return;
        if (stream.isTTY) {
            const width = 30;
            const filled = Math.round((done / total) * width);
            stream.write(`\rscanning [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} files`);
            if (done >= total)
                stream.write('\n');
        }
        else if (clock() - lastLine >= 2000 || done >= total) {
            lastLine = clock();
            log.info('scan.progress', { done, total, percent: Math.floor((done / total) * 100) });
        }
    };
}
//# sourceMappingURL=progress.js.map