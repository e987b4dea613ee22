// Bind the desk on its own port, or run without it: off, or its default port taken by another site on the machine.
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { cannotListen } from './listen-advice.js';
import { type DeskSite, createDesk } from './desk-server.js';

export interface BoundDesk {
  /** e.g. http://127.0.0.1:8081 */
  url: string;
  /** The default port it could not have (another program holds it): it listens on a free one instead. */
  movedFrom?: number;
  /** Stop listening and end every open event stream. */
  close(): void;
}

/** The desk's port was given explicitly and cannot be bound: start-up fails (the CLI exits 2). */
export class DeskPortError extends Error {
  override readonly name = 'DeskPortError';
}

/**
 * Listen on `config.admin`. The default port (8081) being taken is not an error: a second site on
 * the same machine has its desk on a free port, which the start-up line and one log line name (it
 * ran without a desk, and an editor at :8081 saw another site's desk: new-user trial). An explicit
 * port is a promise made by the operator: failing to keep it throws DeskPortError.
 */
export async function bindDesk(
  config: Readonly<Config>,
  options: { site: DeskSite; publicDir: string; log: Logger },
): Promise<BoundDesk | undefined> {
  const { host, port, explicit } = config.admin;
  if (port === 'off') return undefined;
  let desk = createDesk(options);
  let movedFrom: number | undefined;
  try {
    await listen(desk, port, host);
  } catch (error) {
    desk.close();
    if (explicit) throw new DeskPortError(`desk ${cannotListen(host, port, error, '--admin-port')}`);
    const reason = `cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    desk = createDesk(options);
    try {
      await listen(desk, 0, host);
      movedFrom = port;
    } catch {
      desk.close();
      options.log.warn('desk.off', { reason: `${reason}; serving without the desk (set --admin-port to choose another port)` });
      return undefined;
    }
    const at = (desk.server.address() as AddressInfo).port;
    options.log.warn('desk.moved', {
      reason: `${reason}: another program has it`,
      port: at,
      fix: 'set --admin-port to keep the desk on one port',
    });
  }
  const bound = (desk.server.address() as AddressInfo).port;
  return {
    ...(movedFrom === undefined ? {} : { movedFrom }),
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    close() {
      desk.close();
      desk.server.close();
      desk.server.closeAllConnections();
    },
  };
}

function listen(desk: ReturnType<typeof createDesk>, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    desk.server.once('error', reject);
    desk.server.listen(port, host, () => resolve());
  });
}
