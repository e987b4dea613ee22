import { cannotListen } from './listen-advice.js';
import { createDesk } from './desk-server.js';
/** The desk's port was given explicitly and cannot be bound: start-up fails (the CLI exits 2). */
export class DeskPortError extends Error {
    name = 'DeskPortError';
}
/**
 * Listen on `config.admin`. The default port (8081) being taken is not an error: a second site on
 * the same machine runs without its desk, and one log line says so. An explicit port is a promise
 * made by the operator: failing to keep it throws DeskPortError.
 */
export async function bindDesk(config, options) {
    const { host, port, explicit } = config.admin;
    if (port === 'off')
        return undefined;
    const desk = createDesk(options);
    try {
        await new Promise((resolve, reject) => {
            desk.server.once('error', reject);
            desk.server.listen(port, host, () => resolve());
        });
    }
    catch (error) {
        desk.close();
        if (explicit)
            throw new DeskPortError(`desk ${cannotListen(host, port, error, '--admin-port')}`);
        const reason = `cannot listen on ${host}:${port}: ${error.code ?? String(error)}`;
        options.log.warn('desk.off', { reason: `${reason}; serving without the desk (set --admin-port to choose another port)` });
        return undefined;
    }
    const bound = desk.server.address().port;
    return {
        url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
        close() {
            desk.close();
            desk.server.close();
            desk.server.closeAllConnections();
        },
    };
}
//# sourceMappingURL=desk-listen.js.map