/**
 * Launcher for infra/kafka-mock: a librdkafka mock Kafka cluster running in a
 * child process, driven over a line protocol on its stdin/stdout (see
 * infra/kafka-mock/kafka-mock.c). Real Kafka clients (kafkajs) connect to
 * `brokers`; the test drives topology and faults through the returned handle.
 *
 * Known limits of the mock (librdkafka 2.0.2), verified in this repo:
 *  - no Admin CreateTopics: create topics with `createTopic` here;
 *  - kafkajs' idempotent producer does not work: use `idempotent: false`;
 *  - each partition keeps at most ~5 MB / 100k message sets (older ones are
 *    dropped), so keep test volumes small;
 *  - `brokerDown` disconnects a broker but does NOT move partition leadership:
 *    its partitions are unavailable until `brokerUp` (or `setPartitionLeader`).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Repo root, from packages/testing/src/kafka-mock.ts. */
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MOCK_DIR = join(REPO_ROOT, 'infra', 'kafka-mock');
const MOCK_BIN = join(MOCK_DIR, 'kafka-mock');
const MOCK_SRC = join(MOCK_DIR, 'kafka-mock.c');
const MOCK_HEADER = '/usr/include/librdkafka/rdkafka_mock.h';

export interface KafkaMockOptions {
  /** Number of mock brokers, ids 1..n. Default 3. */
  brokers?: number;
  /** How long to wait for the BOOTSTRAP line. Default 10 s. */
  startTimeoutMs?: number;
  /** How long each command may take to answer. Default 5 s. */
  commandTimeoutMs?: number;
}

export interface KafkaMock {
  /** host:port of every mock broker, usable as kafkajs `brokers`. */
  readonly brokers: string[];
  /** Creates a topic (replication defaults to 1). Rejects if it exists. */
  createTopic(name: string, partitions: number, replication?: number): Promise<void>;
  /** Disconnects broker `id` (1-based, -1 = all) and refuses new connections. */
  brokerDown(id: number): Promise<void>;
  /** Lets broker `id` accept connections again. */
  brokerUp(id: number): Promise<void>;
  /** Moves leadership of one partition to broker `brokerId`. */
  setPartitionLeader(topic: string, partition: number, brokerId: number): Promise<void>;
  /**
   * Pins the coordinator of a consumer group (or transactional id) to a broker.
   * Call before any client looks the coordinator up; clients cache it.
   */
  setCoordinator(keyType: 'group' | 'transaction', key: string, brokerId: number): Promise<void>;
  /** The next `errorCodes.length` requests of `apiKey` fail with these codes, in order. */
  pushRequestErrors(apiKey: number, errorCodes: number[]): Promise<void>;
  /** Destroys the cluster and waits for the process to exit. Idempotent. */
  stop(): Promise<void>;
}

export type KafkaMockAvailability = { ok: true } | { ok: false; reason: string };

/** True when CI demands the Kafka suites run (absence must fail, not skip). */
export function requireKafka(): boolean {
  return process.env.C360_REQUIRE_KAFKA === '1';
}

function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function binaryIsFresh(): boolean {
  if (!existsSync(MOCK_BIN)) return false;
  return !existsSync(MOCK_SRC) || statSync(MOCK_BIN).mtimeMs >= statSync(MOCK_SRC).mtimeMs;
}

/**
 * Whether startKafkaMock can work here: either an up-to-date binary exists, or
 * the toolchain to build it does (librdkafka-dev's mock header, cc, make).
 * Link errors (header without library) surface later from startKafkaMock.
 */
export function kafkaMockAvailable(): KafkaMockAvailability {
  if (binaryIsFresh()) return { ok: true };
  if (!existsSync(MOCK_HEADER)) {
    return { ok: false, reason: `${MOCK_HEADER} missing (install librdkafka-dev >= 2.0)` };
  }
  for (const tool of ['cc', 'make']) {
    if (!onPath(tool)) return { ok: false, reason: `'${tool}' not found on PATH` };
  }
  return { ok: true };
}

function ensureBinary(): void {
  if (binaryIsFresh()) return;
  const availability = kafkaMockAvailable();
  if (!availability.ok) throw new Error(`kafka-mock unavailable: ${availability.reason}`);
  const build = spawnSync('make', ['-C', MOCK_DIR], { encoding: 'utf8' });
  if (build.status !== 0 || !existsSync(MOCK_BIN)) {
    throw new Error(`building kafka-mock failed (make -C ${MOCK_DIR}):\n${build.stdout}${build.stderr}`);
  }
}

/** Wire tokens are space separated; reject anything that would break framing. */
function token(value: string, what: string): string {
  if (value.length === 0 || /\s/.test(value)) throw new Error(`kafka-mock: invalid ${what} '${value}'`);
  return value;
}

function int(value: number, what: string): string {
  if (!Number.isInteger(value)) throw new Error(`kafka-mock: ${what} must be an integer, got ${value}`);
  return String(value);
}

/**
 * Spawns a mock cluster and resolves once it prints its bootstrap list.
 * Callers must `stop()` it (the child also exits when our stdin pipe closes,
 * so a crashed test process does not leak it).
 */
export async function startKafkaMock(options: KafkaMockOptions = {}): Promise<KafkaMock> {
  const brokerCount = options.brokers ?? 3;
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  const commandTimeoutMs = options.commandTimeoutMs ?? 5_000;
  ensureBinary();

  const child: ChildProcessWithoutNullStreams = spawn(MOCK_BIN, ['--brokers', int(brokerCount, 'brokers')], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4000);
  });
  // The child may die while we write; its exit is reported via `exited` instead.
  child.stdin.on('error', () => {});

  // Every stdout line goes to the oldest waiter (replies come back in order).
  const waiters: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  let exitError: Error | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitError ??= new Error(
        `kafka-mock exited (code ${code ?? 'null'}, signal ${signal ?? 'none'})${stderrTail ? `: ${stderrTail.trim()}` : ''}`,
      );
      for (const waiter of waiters.splice(0)) waiter.reject(exitError);
      resolve();
    });
  });
  child.once('error', (err) => {
    exitError = new Error(`kafka-mock failed to spawn: ${err.message}`);
    for (const waiter of waiters.splice(0)) waiter.reject(exitError);
  });
  createInterface({ input: child.stdout }).on('line', (line) => waiters.shift()?.resolve(line));

  function nextLine(timeoutMs: number, what: string): Promise<string> {
    if (exitError) return Promise.reject(exitError);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        // A late answer would be taken as the next command's reply, so a
        // timeout ends the harness: later commands fail with this error.
        exitError = new Error(
          `kafka-mock: no answer to '${what}' within ${timeoutMs} ms${stderrTail ? `; stderr: ${stderrTail.trim()}` : ''}`,
        );
        child.kill('SIGKILL');
        reject(exitError);
      }, timeoutMs);
      const waiter = {
        resolve: (line: string) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      waiters.push(waiter);
    });
  }

  let bootstrapLine: string;
  try {
    bootstrapLine = await nextLine(startTimeoutMs, 'startup (BOOTSTRAP line)');
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  if (!bootstrapLine.startsWith('BOOTSTRAP ')) {
    child.kill('SIGKILL');
    throw new Error(`kafka-mock: expected 'BOOTSTRAP ...', got '${bootstrapLine}'`);
  }
  const brokers = bootstrapLine.slice('BOOTSTRAP '.length).trim().split(',');

  // Commands run one at a time; a failed command does not block later ones.
  let queue: Promise<unknown> = Promise.resolve();
  function command(line: string): Promise<string> {
    const run = async (): Promise<string> => {
      if (exitError) throw exitError;
      child.stdin.write(`${line}\n`);
      const answer = await nextLine(commandTimeoutMs, line);
      if (answer.startsWith('OK')) return answer;
      throw new Error(`kafka-mock '${line}': ${answer.replace(/^ERR /, '')}`);
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  }

  let stopping: Promise<void> | undefined;
  async function stop(): Promise<void> {
    await queue; // let in-flight commands answer first
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Ask politely (quit), then SIGTERM, then SIGKILL.
    child.stdin.end('quit\n');
    const escalate = setTimeout(() => child.kill('SIGTERM'), 3_000);
    const kill = setTimeout(() => child.kill('SIGKILL'), 6_000);
    await exited;
    clearTimeout(escalate);
    clearTimeout(kill);
  }

  return {
    brokers,
    async createTopic(name, partitions, replication = 1) {
      await command(
        `create-topic ${token(name, 'topic')} ${int(partitions, 'partitions')} ${int(replication, 'replication')}`,
      );
    },
    async brokerDown(id) {
      await command(`broker-down ${int(id, 'broker id')}`);
    },
    async brokerUp(id) {
      await command(`broker-up ${int(id, 'broker id')}`);
    },
    async setPartitionLeader(topic, partition, brokerId) {
      await command(
        `partition-leader ${token(topic, 'topic')} ${int(partition, 'partition')} ${int(brokerId, 'broker id')}`,
      );
    },
    async setCoordinator(keyType, key, brokerId) {
      await command(`coordinator ${keyType} ${token(key, 'coordinator key')} ${int(brokerId, 'broker id')}`);
    },
    async pushRequestErrors(apiKey, errorCodes) {
      const codes = errorCodes.map((code) => int(code, 'error code'));
      await command(`push-errors ${int(apiKey, 'api key')} ${codes.length} ${codes.join(' ')}`);
    },
    stop() {
      stopping ??= stop();
      return stopping;
    },
  };
}
