/**
 * A switchable HTTP proxy in front of the test Azurite, for storage faults (reliability.md items 22 and 23): the
 * bot under test is given the proxy's connection string, and a test decides for each request whether it passes,
 * is cut off (the connection reset, as when storage stops), or is held for a while before it passes (slow storage).
 * Every request is recorded, so a test can also see what reached storage.
 *
 * Requests are forwarded unchanged (path, headers, body): the Shared Key signature covers the account and path, not
 * the host, so Azurite accepts them.
 */
import { once } from 'node:events';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What happens to one request: pass it on, reset the connection, or hold it `delayMs` and then pass it on. */
export type ProxyAction = 'pass' | 'reset' | { delayMs: number };

/** A request as the proxy saw it. */
export interface ProxiedRequest {
  readonly method: string;
  /** Path and query, e.g. `/devstoreaccount1/actions(PartitionKey='t',RowKey='a')` or `/devstoreaccount1/$batch`. */
  readonly path: string;
  /** What was done with it. */
  readonly action: ProxyAction;
}

/** Decides what happens to a request; called once per request, in order of arrival. */
export type ProxyRule = (request: { method: string; path: string }) => ProxyAction;

/** A running proxy. */
export interface StorageProxy {
  /** The connection string of the test Azurite with its Table endpoint pointing at the proxy. */
  readonly connectionString: string;
  /** Every request so far. */
  readonly requests: readonly ProxiedRequest[];
  /** Sets the rule for requests from now on; `pass` for all is the default. */
  behave(rule: ProxyRule): void;
  /** Stops the proxy; held requests are dropped, never forwarded. */
  close(): Promise<void>;
}

/** Starts a proxy on a free port in front of the Table endpoint of `connectionString`. */
export async function startStorageProxy(connectionString: string): Promise<StorageProxy> {
  const endpoint = /TableEndpoint=(http:\/\/[^;]+)/.exec(connectionString)?.[1];
  if (!endpoint) throw new Error(`No http TableEndpoint in the connection string: ${connectionString}`);
  const target = new URL(endpoint);
  const requests: ProxiedRequest[] = [];
  const held = new Set<NodeJS.Timeout>();
  let rule: ProxyRule = () => 'pass';

  /** Sends the request on to Azurite; `body` when it was read already (a held request), else it is streamed. */
  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body?: Buffer) => {
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    if (body) upstream.end(body);
    else incoming.pipe(upstream);
  };

  const server = createServer((incoming, outgoing) => {
    const seen = { method: incoming.method ?? 'GET', path: incoming.url ?? '/' };
    const action = rule(seen);
    requests.push({ ...seen, action });
    if (action === 'reset') {
      incoming.socket.destroy();
      return;
    }
    if (action === 'pass') {
      forward(incoming, outgoing);
      return;
    }
    // Held: the body is read now (so the client's send completes) and replayed when the time is up.
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    const timer = setTimeout(() => {
      held.delete(timer);
      if (!incoming.socket.destroyed) forward(incoming, outgoing, Buffer.concat(chunks));
    }, action.delayMs);
    held.add(timer);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    connectionString: connectionString.replace(
      endpoint,
      `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    ),
    requests,
    behave(next) {
      rule = next;
    },
    async close() {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
