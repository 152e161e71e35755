import type { Server } from 'node:http';

/**
 * How long every service (the gateway too) keeps an idle keep-alive connection open. Node's 5 s
 * default is shorter than the idle time of the load balancers in front of the gateway (60 s on
 * the common ones) and of the gateway's own pool: a client then reuses a socket in the instant
 * the server closes it, and the request dies with "socket hang up" or ECONNRESET.
 */
export const SERVER_KEEP_ALIVE_MS = 65_000;

/**
 * How long a client of the services (the gateway's pool) keeps an idle socket: well below
 * SERVER_KEEP_ALIVE_MS, so the client, not the server, ends an idle connection. Node's agent uses
 * the server's `Keep-Alive: timeout` hint (less a second) only when it is below this.
 */
export const CLIENT_IDLE_MS = 30_000;

/** Applies SERVER_KEEP_ALIVE_MS; a request's headers may take the time an idle connection may. */
export function keepConnections(server: Server): void {
  server.keepAliveTimeout = SERVER_KEEP_ALIVE_MS;
  // Above the keep-alive time, so a connection that goes quiet is closed as idle, not timed out.
  server.headersTimeout = Math.max(server.headersTimeout, SERVER_KEEP_ALIVE_MS + 1000);
}
