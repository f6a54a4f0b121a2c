/**
 * `npm run bench:bus`: encode + publish, consume + decode, and both at once, of
 * realistic touchpoints through each bus adapter — the embedded log on a
 * PostgreSQL server and on PGlite, Kafka on librdkafka's mock cluster — each
 * figure next to the raw ceiling measured in the same run on the same
 * infrastructure (the same bytes without the codec and without the adapter).
 * A benchmark, not a test: it exits 0 unless a phase failed or lost messages.
 */
import type { OutgoingMessage } from '@c360/bus';
import { uniqueName } from '@c360/bus/testing';
import { probePostgres } from '@c360/testing';
import { decodeTouchpoint, encodeTouchpoint, type Touchpoint } from '@c360/touchpoint';
import { guarded, throughput, timed } from '../measure';
import { benchSummaryLine, formatCount, renderTable, throughputLine } from '../report';
import { loadAverage, machineLine, runMeta, startRun, wallSeconds } from '../run';
import { BACKEND_NAMES, type BusBackend } from './backend';
import { loadConfig, type BackendKey, type BusBenchConfig } from './config';
import { openPglite, openPostgres } from './embedded';
import { kafkaUnavailable, openKafka } from './kafka';
import { consumePhase, endToEndPhase, publishPhase, type Consumed, type ReadOptions } from './phases';
import type { Pipe } from './pipe';
import { jsonLine, tableFor, type BackendResult, type Figures, type Skipped } from './report';
import { buildTouchpoints, touchpointMessage } from './workload';

const log = (line: string): void => console.log(line);

/** The same run as our side sends it (touchpoints) and as the raw ceilings send it (encoded messages). */
interface Workload {
  touchpoints: Touchpoint[];
  messages: OutgoingMessage[];
  ids: ReadonlySet<string>;
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));

/** A fresh topic (or table) of the pipe. */
async function topicOf<T>(pipe: Pipe<T>, what: string): Promise<string> {
  const topic = uniqueName(`bench-${what}`);
  await pipe.createTopic(topic);
  return topic;
}

/** Untimed: connects clients and warms JIT, driver paths and plan caches for both contenders alike. */
async function warmUp<T>(pipe: Pipe<T>, items: readonly T[], config: BusBenchConfig): Promise<void> {
  const topic = await topicOf(pipe, 'warm');
  await publishPhase(pipe, topic, chunks(items, config.publishBatch), config.publishers);
  await consumePhase(pipe, topic, { expected: items.length, stallMs: config.stallMs });
}

async function measure(backend: BusBackend, w: Workload, config: BusBenchConfig): Promise<Figures> {
  const { ours, raw } = backend;
  await warmUp(ours, w.touchpoints.slice(0, config.warmUp), config);
  await warmUp(raw, w.messages.slice(0, config.warmUp), config);

  const batches = { ours: chunks(w.touchpoints, config.publishBatch), raw: chunks(w.messages, config.publishBatch) };
  const read = (ids?: ReadonlySet<string>): ReadOptions => ({ expected: config.count, ids, stallMs: config.stallMs });
  const topics = { ours: await topicOf(ours, 'ours'), raw: await topicOf(raw, 'raw') };

  // Ours and the ceiling back to back per phase, so a change in the machine's load hits both alike.
  await backend.settle();
  const publishOurs = await publishPhase(ours, topics.ours, batches.ours, config.publishers);
  log(throughputLine('ours encode+publish', publishOurs, 'msg/s'));
  await backend.settle();
  const publishRaw = await publishPhase(raw, topics.raw, batches.raw, config.publishers);
  log(throughputLine(`${raw.label} publish`, publishRaw, 'msg/s'));

  await backend.prepareReads();
  await backend.settle();
  const consumeOurs = await consumePhase(ours, topics.ours, read(w.ids));
  log(throughputLine('ours consume+decode', consumeOurs, 'msg/s'));
  await backend.settle();
  const consumeRaw = await consumePhase(raw, topics.raw, read());
  log(throughputLine(`${raw.label} read`, consumeRaw, 'msg/s'));

  await backend.settle();
  const endToEndOurs = await endToEndPhase(
    ours,
    await topicOf(ours, 'e2e'),
    batches.ours,
    config.publishers,
    read(w.ids),
  );
  log(throughputLine('ours end-to-end', endToEndOurs, 'msg/s'));
  let endToEndRaw: Consumed | Skipped;
  if (raw.notTailable !== undefined) {
    endToEndRaw = { skipped: raw.notTailable };
    log(`  ${raw.label} end-to-end: n/a (${raw.notTailable})`);
  } else {
    await backend.settle();
    endToEndRaw = await endToEndPhase(raw, await topicOf(raw, 'e2e'), batches.raw, config.publishers, read());
    log(throughputLine(`${raw.label} end-to-end`, endToEndRaw, 'msg/s'));
  }

  return {
    publish: { ours: publishOurs, raw: publishRaw },
    consume: { ours: consumeOurs, raw: consumeRaw },
    endToEnd: { ours: endToEndOurs, raw: endToEndRaw },
  };
}

/** Why a backend cannot run on this machine, or undefined when it can. */
async function unavailable(key: BackendKey): Promise<string | undefined> {
  if (key === 'postgres') {
    const probe = await probePostgres();
    return probe.ok ? undefined : probe.reason;
  }
  return key === 'kafka' ? kafkaUnavailable() : undefined;
}

async function runBackend(key: BackendKey, w: Workload, config: BusBenchConfig): Promise<BackendResult> {
  const name = BACKEND_NAMES[key];
  const reason = await unavailable(key);
  if (reason !== undefined) {
    log(`\n${name}: SKIP (${reason})`);
    return { key, name, outcome: 'SKIP', reason };
  }
  const open = {
    postgres: () => openPostgres(config),
    pglite: () => openPglite(config),
    kafka: () => openKafka(config, w.messages),
  }[key];
  let result: BackendResult | undefined;
  try {
    await guarded(open, async (backend) => {
      log(`\n${backend.description}`);
      const figures = await measure(backend, w, config);
      result = { key, name, outcome: 'measured', description: backend.description, ...figures };
    });
  } catch (error) {
    console.error(`\n!!! ${name} FAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
    return { key, name, outcome: 'FAILED', reason: (error as Error).message };
  }
  return result!;
}

async function main(): Promise<void> {
  const config = loadConfig(process.argv.slice(2));
  const run = startRun();
  log(`bench:bus — ${run.started.toISOString()}`);
  log(machineLine());

  const touchpoints = buildTouchpoints(config.count);
  const encoding = await timed(async () => touchpoints.map((t) => encodeTouchpoint(t)));
  const encode = throughput(config.count, encoding);
  const decode = throughput(
    config.count,
    await timed(async () => encoding.result.forEach((value) => decodeTouchpoint(value))),
  );
  const messages = touchpoints.map((t, i) => touchpointMessage(t, encoding.result[i]!));
  const ids = new Set(touchpoints.map((t) => t.touchpointId));
  if (ids.size !== config.count) throw new Error(`workload has ${ids.size} distinct ids for ${config.count}`);
  const valueBytes = encoding.result.reduce((n, v) => n + v.length, 0) / config.count;
  const workloadNote =
    `workload: ${formatCount(config.count)} touchpoints (web 40 %, email 25 %, POS 20 %, call center 15 %), ` +
    `${formatCount(new Set(messages.map((m) => m.key)).size)} partition keys, ` +
    `value ~${Math.round(valueBytes)} B (Avro single-object) + 2 headers; untimed warm-up of ${formatCount(config.warmUp)} per contender first`;
  const codecNote =
    `codec alone, same process: encode (validate + Avro) ${formatCount(encode.perSecond)} msg/s, ` +
    `decode ${formatCount(decode.perSecond)} msg/s: ${encode.seconds.toFixed(1)} s + ${decode.seconds.toFixed(1)} s ` +
    `of client CPU inside every "ours" publish + consume, which the raw ceilings do not pay`;
  log(workloadNote);
  log(codecNote);
  log(
    `publish: batches of ${config.publishBatch} from ${config.publishers} concurrent publishers (acks -1 on Kafka); ` +
      `consume: a new group from the earliest offset, handler batches of ${config.consumeBatch}`,
  );

  const w: Workload = { touchpoints, messages, ids };
  const results: BackendResult[] = [];
  for (const key of config.backends) results.push(await runBackend(key, w, config));

  const shape = { ...config };
  const seconds = wallSeconds(run);
  log('');
  const table = tableFor(results, shape, [workloadNote, codecNote]);
  log(renderTable(table));
  log(`\nwall time ${seconds.toFixed(0)} s; load average ${run.loadStart} at the start, ${loadAverage()} at the end`);
  log('figures are for this machine and its load: compare ratios, not absolute rates');
  log('');
  log(
    jsonLine(
      {
        ...runMeta('bus', run),
        workload: {
          count: config.count,
          publishBatch: config.publishBatch,
          publishers: config.publishers,
          consumeBatch: config.consumeBatch,
          partitions: config.partitions,
          avgValueBytes: Math.round(valueBytes),
          codecEncodePerSecond: Math.round(encode.perSecond),
          codecDecodePerSecond: Math.round(decode.perSecond),
        },
      },
      results,
      shape,
    ),
  );
  log(benchSummaryLine({ bench: 'bus', tables: [table], targets: [] }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
