/**
 * Busy CPU of the whole machine (Linux `/proc/stat`): the server process, the load
 * generator, the PostgreSQL server and whatever else runs. Next to the two processes'
 * own shares it tells whether a run was CPU-bound.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

interface Ticks {
  busy: number;
  total: number;
}

function ticks(): Ticks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [, ...fields] = line.trim().split(/\s+/);
    const values = fields.map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const total = values.slice(0, 8).reduce((sum, v) => sum + v, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Starts a reading; the function returned gives the busy cores since (null off Linux). */
export function machineCpu(): () => number | null {
  const cores = cpus().length;
  const start = ticks();
  return () => {
    const end = ticks();
    if (!start || !end || end.total === start.total) return null;
    return ((end.busy - start.busy) / (end.total - start.total)) * cores;
  };
}
