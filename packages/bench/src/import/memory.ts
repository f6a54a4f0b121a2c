/**
 * Memory of the process it runs in, read every few milliseconds on a timer. A reading is
 * late when the event loop is busy, never skipped: the peak is the highest of the readings
 * taken, so a spike shorter than the interval may be missed. The heap is also read when
 * V8 reports a full (mark-compact) collection: those readings are close to what the import
 * really keeps alive, without forcing collections that would slow it down.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { MemoryReading, Watched } from './server-job';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const FIELDS = ['rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const;

const reading = (): MemoryReading => {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
};

export interface MemoryWatch {
  baseline: MemoryReading;
  stop(): Watched;
}

/** Collects garbage, takes the baseline, then reads every `intervalMs` until `stop`. */
export function watchMemory(intervalMs: number): MemoryWatch {
  gc();
  const baseline = reading();
  const peak = { ...baseline };
  let samples = 0;
  const take = (): void => {
    const now = reading();
    samples++;
    for (const field of FIELDS) peak[field] = Math.max(peak[field], now[field]);
  };
  const timer = setInterval(take, intervalMs);
  let majorGcs = 0;
  let afterMajorGc: number | null = null;
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as { detail?: { kind?: number } };
      if (detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
      majorGcs++;
      afterMajorGc = Math.max(afterMajorGc ?? 0, process.memoryUsage().heapUsed);
    }
  });
  collections.observe({ entryTypes: ['gc'] });
  const cpu = process.cpuUsage();
  const started = performance.now();
  return {
    baseline,
    stop() {
      clearInterval(timer);
      collections.disconnect();
      take();
      const seconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpu);
      gc();
      const after = reading();
      const cpuSeconds = (used.user + used.system) / 1e6;
      return { baseline, peak, afterMajorGc, majorGcs, after, samples, seconds, cpuSeconds };
    },
  };
}
