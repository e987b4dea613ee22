// Bind the desk on its own port, or run without it: off, or its default port taken by another site on the machine.
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { cannotListen } from './listen-advice.js';
import { type DeskSite, createDesk } from './desk-server.js';

export interface BoundDesk {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  /** Stop listening and end every open event stream. */
  close(): void;
}

/** The desk's port was given explicitly and cannot be bound: start-up fails (the CLI exits 2). */
export class DeskPortError extends Error {
  override readonly name = 'DeskPortError';
}

/**
 * Listen on `config.admin`. The default port (8081) being taken is not an error: a second site on
 * the same machine runs without its desk, and one log line says so. An explicit port is a promise
 * made by the operator: failing to keep it throws DeskPortError.
 */
export async function bindDesk(
  config: Readonly<Config>,
  options: { site: DeskSite; publicDir: string; log: Logger },
): Promise<BoundDesk | undefined> {
  const { host, port, explicit } = config.admin;
  if (port === 'off') return undefined;
  const desk = createDesk(options);
  try {
    await new Promise<void>((resolve, reject) => {
      desk.server.once('error', reject);
      desk.server.listen(port, host, () => resolve());
    });
  } catch (error) {
    desk.close();
    if (explicit) throw new DeskPortError(`desk ${cannotListen(host, port, error, '--admin-port')}`);
    const reason = `cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    options.log.warn('desk.off', { reason: `${reason}; serving without the desk (set --admin-port to choose another port)` });
    return undefined;
  }
  const bound = (desk.server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close() {
      desk.close();
      desk.server.close();
      desk.server.closeAllConnections();
    },
  };
}
