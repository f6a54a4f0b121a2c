/**
 * V8 profiles of one phase of this process — a CPU profile (what `node --cpu-prof`
 * writes, but only for the phase, not for set-up and verification) and a sampling
 * allocation profile (who allocates what the garbage collector then collects).
 * Open them in Chrome DevTools or speedscope.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session, type HeapProfiler } from 'node:inspector/promises';
import { join } from 'node:path';

/** Runs `work`, profiled into `<dir>/<name>.cpuprofile` and `.heapprofile` when `dir` is set; answers the files. */
export async function profiled<T>(
  dir: string | undefined,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; files: string[] }> {
  if (dir === undefined) return { result: await work(), files: [] };
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('HeapProfiler.enable');
    // Also the objects the collector already took back by the end: the churn, not only what is still live.
    const sampling = {
      samplingInterval: 64 * 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as HeapProfiler.StartSamplingParameterType;
    await session.post('HeapProfiler.startSampling', sampling);
    await session.post('Profiler.start');
    const result = await work();
    const { profile } = await session.post('Profiler.stop');
    const { profile: allocations } = await session.post('HeapProfiler.stopSampling');
    await mkdir(dir, { recursive: true });
    const files = [join(dir, `${name}.cpuprofile`), join(dir, `${name}.heapprofile`)];
    await writeFile(files[0]!, JSON.stringify(profile));
    await writeFile(files[1]!, JSON.stringify(allocations));
    return { result, files };
  } finally {
    session.disconnect();
  }
}
