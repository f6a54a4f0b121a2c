/**
 * EventStoreDB for the integration suites, through testcontainers — only where a
 * Docker engine answers; elsewhere the suites skip with `dockerAvailable()`'s reason.
 *
 * Image: `docker.io/eventstore/eventstore:24.10`, the 24.10 LTS line, the last
 * released under the EventStoreDB name and the server @eventstore/db-client 6.x
 * targets. KurrentDB (`docker.io/kurrentplatform/kurrentdb:25.0`) speaks the same
 * gRPC protocol and takes the same EVENTSTORE_* settings; set `C360_ESDB_IMAGE`
 * to run the suites against it (or any other tag).
 */
import { GenericContainer, Wait, getContainerRuntimeClient } from 'testcontainers';

export const DEFAULT_ESDB_IMAGE = 'docker.io/eventstore/eventstore:24.10';
const ESDB_PORT = 2113;
const DOCKER_PROBE_TIMEOUT_MS = 2500;

export type DockerAvailability = { ok: true } | { ok: false; reason: string };

export interface EventStoreDbContainer {
  /** gRPC connection string for @eventstore/db-client, e.g. `esdb://localhost:49153?tls=false`. */
  connectionString: string;
  stop(): Promise<void>;
}

/**
 * Whether testcontainers finds a working container runtime, answered within
 * ~2.5 s: a socket that exists but never answers counts as unavailable.
 */
export async function dockerAvailable(): Promise<DockerAvailability> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DockerAvailability>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: `no Docker engine answered within ${DOCKER_PROBE_TIMEOUT_MS} ms` }),
      DOCKER_PROBE_TIMEOUT_MS,
    );
    timer.unref();
  });
  const probe = getContainerRuntimeClient().then(
    (): DockerAvailability => ({ ok: true }),
    (error: unknown): DockerAvailability => ({
      ok: false,
      reason: `no Docker engine: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A fresh single-node EventStoreDB: insecure (plain HTTP/2, no certificates),
 * in-memory, projections off (so $all holds only what the tests write, plus
 * the server's own `$`-typed events). Ready once `/health/live` answers 2xx.
 */
export async function startEventStoreDb(options: { image?: string } = {}): Promise<EventStoreDbContainer> {
  const image = options.image ?? process.env.C360_ESDB_IMAGE ?? DEFAULT_ESDB_IMAGE;
  const container = await new GenericContainer(image)
    .withEnvironment({
      EVENTSTORE_INSECURE: 'true',
      EVENTSTORE_RUN_PROJECTIONS: 'None',
      EVENTSTORE_MEM_DB: 'true',
      EVENTSTORE_CLUSTER_SIZE: '1',
    })
    .withExposedPorts(ESDB_PORT)
    .withWaitStrategy(
      Wait.forHttp('/health/live', ESDB_PORT).forStatusCodeMatching((status) => status >= 200 && status < 300),
    )
    .withStartupTimeout(120_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(ESDB_PORT)}?tls=false`,
    async stop() {
      await container.stop();
    },
  };
}
