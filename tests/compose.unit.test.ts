import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configurationVariables, loadConfig, serviceNames, type Config, type ServiceName } from '@c360/config';

/**
 * No Docker engine runs here, so docker-compose.yml is checked against the code
 * instead: every platform container is built from infra/Dockerfile, runs an entry
 * point that exists, sets only variables the configuration knows, parses with
 * `loadConfig`, and reaches the backing services by names that exist in the file.
 */
const ROOT = new URL('..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  command?: string[] | string;
  environment?: Record<string, string | number | boolean>;
  ports?: string[];
  healthcheck?: { test?: string[] | string };
  depends_on?: Record<string, { condition?: string }>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const platform = Object.entries(services).filter(([, service]) => service.build);

/** Compose interpolation as `docker compose up` with nothing set would do it: `${NAME:-default}` → default. */
function interpolate(value: string | number | boolean, where: string): string {
  return String(value).replace(/\$\{([A-Za-z0-9_]+)(?::?-([^}]*))?\}/g, (_match, name: string, fallback?: string) => {
    if (fallback === undefined)
      throw new Error(`${where}: \${${name}} has no default, so a bare \`docker compose up\` fails`);
    return fallback;
  });
}

function environmentOf(name: string): Record<string, string> {
  const environment = services[name]!.environment ?? {};
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(value, `${name}.${key}`)]),
  );
}

const configOf = (name: string): Config => loadConfig(environmentOf(name));
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What each service opens (services/platform/src/parts): its containers must wait for those backends. */
const NEEDS: Record<ServiceName, ('sql' | 'eventStore' | 'bus')[]> = {
  collector: ['sql', 'bus'],
  ingestor: ['sql', 'eventStore', 'bus'],
  projector: ['sql', 'eventStore'],
  'query-api': ['sql', 'eventStore'],
};

/** The compose services a configuration points a backend at (by host name inside the network). */
function backendHosts(config: Config): Record<'sql' | 'eventStore' | 'bus', string[]> {
  return {
    sql: config.DATABASE_URL ? [new URL(config.DATABASE_URL).hostname] : [],
    eventStore: config.C360_EVENT_STORE === 'esdb' ? [new URL(config.ESDB_URL!).hostname] : [],
    bus: config.C360_BUS === 'kafka' ? config.KAFKA_BROKERS!.split(',').map((broker) => broker.split(':')[0]!) : [],
  };
}

describe('docker-compose.yml against the code', () => {
  it('given the file, then it runs every platform service in a container of its own', () => {
    expect(platform.length).toBeGreaterThan(0);
    const run = platform.flatMap(([name]) => configOf(name).C360_SERVICES);
    expect([...run].sort()).toEqual([...serviceNames].sort());
    for (const [name] of platform)
      expect(configOf(name).C360_SERVICES, `${name}: one service per container`).toHaveLength(1);
  });

  it('given each platform container, then it is built from infra/Dockerfile and a stage that file defines', () => {
    const dockerfile = read('infra/Dockerfile');
    const stages = [...dockerfile.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]!);
    const copiedFrom = [...dockerfile.matchAll(/--from=(\S+)/g)].map((m) => m[1]!);
    for (const stage of copiedFrom) expect(stages, `COPY --from=${stage}`).toContain(stage);
    expect(dockerfile).toMatch(/^USER\s+(?!root\b)\S+/m);
    for (const [name, service] of platform) {
      expect(service.build, name).toMatchObject({ context: '.', dockerfile: 'infra/Dockerfile' });
      expect(existsSync(new URL(service.build!.dockerfile!, ROOT)), name).toBe(true);
      expect(stages, `${name}: build target`).toContain(service.build!.target);
    }
  });

  it('given each platform container, then its command is the entry point of the service it runs', () => {
    for (const [name, service] of platform) {
      const [runs] = configOf(name).C360_SERVICES;
      const command = typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
      const entry = command.find((part) => part.endsWith('.ts'));
      expect(entry, `${name}: command`).toBe(`services/platform/src/${runs}-main.ts`);
      expect(existsSync(new URL(entry!, ROOT)), `${name}: ${entry} exists`).toBe(true);
      expect(read(entry!), `${name}: ${entry} runs the ${runs}`).toContain(`only: '${runs}'`);
    }
  });

  it('given each platform container, then it sets only configuration variables, and its environment parses', () => {
    for (const [name] of platform) {
      for (const variable of Object.keys(environmentOf(name))) {
        expect(configurationVariables, `${name} sets ${variable}`).toContain(variable);
      }
      expect(() => configOf(name), name).not.toThrow();
    }
  });

  it('given the platform containers, then they share one database, event store, bus and master key, reached by service names', () => {
    const shared = ['DATABASE_URL', 'C360_EVENT_STORE', 'ESDB_URL', 'C360_BUS', 'KAFKA_BROKERS', 'C360_MASTER_KEY'];
    const first = environmentOf(platform[0]![0]);
    for (const [name] of platform) {
      const environment = environmentOf(name);
      for (const variable of shared) expect(environment[variable], `${name}.${variable}`).toBe(first[variable]);
      // PGlite and a generated master key live in one container's data dir: they cannot be shared
      expect(environment.DATABASE_URL, `${name}.DATABASE_URL`).toBeDefined();
      expect(environment.C360_MASTER_KEY, `${name}.C360_MASTER_KEY`).toBeDefined();
      for (const hosts of Object.values(backendHosts(configOf(name)))) {
        for (const host of hosts) expect(Object.keys(services), `${name} reaches ${host}`).toContain(host);
      }
    }
  });

  it('given Kafka as the bus, then the brokers the services name are advertised by the kafka container', () => {
    for (const [name] of platform) {
      const config = configOf(name);
      if (config.C360_BUS !== 'kafka') continue;
      for (const broker of config.KAFKA_BROKERS!.split(',')) {
        const host = broker.split(':')[0]!;
        const advertised = String(services[host]?.environment?.KAFKA_ADVERTISED_LISTENERS ?? '');
        expect(advertised, `${name}: ${broker}`).toMatch(new RegExp(`://${escapeRegExp(broker)}(,|$)`));
      }
    }
  });

  it('given each platform container, then it publishes only its C360_PORT and is healthy when /readyz on that port answers', () => {
    for (const [name, service] of platform) {
      const port = configOf(name).C360_PORT;
      for (const mapping of service.ports ?? []) {
        expect(mapping.split(':').at(-1)?.split('/')[0], `${name}: ${mapping}`).toBe(String(port));
      }
      const test = [service.healthcheck?.test ?? []].flat().join(' ');
      expect(test, `${name}: health check`).toMatch(/\/readyz/);
      expect(test, `${name}: health check port`).toMatch(
        new RegExp(`localhost:(${port}\\b|' \\+ process\\.env\\.C360_PORT)`),
      );
    }
    const collector = platform.find(([name]) => configOf(name).C360_SERVICES.includes('collector'));
    const queryApi = platform.find(([name]) => configOf(name).C360_SERVICES.includes('query-api'));
    expect(collector?.[1].ports, 'the collector is reachable from the host').toHaveLength(1);
    expect(queryApi?.[1].ports, 'the query API is reachable from the host').toHaveLength(1);
  });

  it('given every container, then it has a health check, and each dependency exists and is waited for until healthy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.healthcheck?.test, `${name}: health check`).toBeDefined();
      for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
        expect(Object.keys(services), `${name} depends on ${target}`).toContain(target);
        expect(condition, `${name} → ${target}`).toBe('service_healthy');
      }
    }
  });

  it('given what each service opens, then its container waits for those backends', () => {
    for (const [name, service] of platform) {
      const config = configOf(name);
      const hosts = backendHosts(config);
      const needed = config.C360_SERVICES.flatMap((serviceName) => NEEDS[serviceName].flatMap((need) => hosts[need]));
      for (const host of new Set(needed))
        expect(Object.keys(service.depends_on ?? {}), `${name} waits for ${host}`).toContain(host);
    }
  });
});
