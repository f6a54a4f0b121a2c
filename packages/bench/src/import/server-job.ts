/**
 * What the benchmark asks of the server process (server-process.ts) and what it answers.
 * The server runs in a process of its own so that its memory figures are its own — not
 * the generated files', the client's or the references' — and so that the client does
 * not share its event loop.
 */
import type { BackendKey } from './config';
import type { CsvKind } from './files';

export type ServerJob =
  | { kind: 'open'; backend: BackendKey; poolMax: number; partitions: number; sampleMs: number }
  /** Collects garbage, takes the baseline and reads memory every `sampleMs` until `unwatch`. */
  | { kind: 'watch' }
  | { kind: 'unwatch' }
  | { kind: 'counts' }
  | { kind: 'close' };

export interface ServerInfo {
  /** e.g. `http://127.0.0.1:40123`. */
  origin: string;
  description: string;
  authorization: Record<CsvKind, string>;
}

/** `process.memoryUsage()`, bytes. */
export interface MemoryReading {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface Watched {
  /** After a full GC, before the import. */
  baseline: MemoryReading;
  /** Each figure's highest reading while watched (garbage not yet collected included: what the process held). */
  peak: MemoryReading;
  /** The highest heap reading right after one of V8's own full collections during the import: about what it kept alive. */
  afterMajorGc: number | null;
  majorGcs: number;
  /** After the import, after a full GC: what it left behind. */
  after: MemoryReading;
  samples: number;
  seconds: number;
  /** CPU time of the server process meanwhile (user + system). */
  cpuSeconds: number;
}

export interface Counts {
  touchpoints: number;
  /** Distinct touchpoint ids among them. */
  distinct: number;
  quarantined: number;
  /** What the collector logged so far, as text. */
  logged: string[];
}

export interface ServerAnswers {
  open: ServerInfo;
  watch: MemoryReading;
  unwatch: Watched;
  counts: Counts;
  close: null;
}

export type ServerRequest = { id: number; job: ServerJob };
export type ServerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };
