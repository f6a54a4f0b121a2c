/** An app listening on a free loopback port, with the requests it is still answering. */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** Requests received and not yet answered (or dropped by the client). */
  inFlight(): number;
  dispose(): Promise<void>;
}

export async function listen(app: RequestListener): Promise<Listening> {
  let inFlight = 0;
  const server = createServer(app);
  server.on('request', (_request, response) => {
    inFlight++;
    response.once('close', () => inFlight--);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    inFlight: () => inFlight,
    async dispose() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
