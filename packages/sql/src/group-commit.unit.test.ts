import { describe, expect, it } from 'vitest';
import { groupCommit } from './group-commit';

/** A write that records its groups and completes when the test says so. */
function recordingWrite(fail?: (items: readonly number[]) => Error | null) {
  const groups: number[][] = [];
  const waiting: (() => void)[] = [];
  const write = (items: readonly number[]) =>
    new Promise<void>((resolve, reject) => {
      groups.push([...items]);
      waiting.push(() => {
        const error = fail?.(items);
        if (error) reject(error);
        else resolve();
      });
    });
  const finishNext = async () => {
    await new Promise((r) => setImmediate(r));
    waiting.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { groups, write, finishNext };
}

describe('groupCommit', () => {
  it('writes at once when idle, and groups in order what arrives while a write is in flight', async () => {
    const w = recordingWrite();
    const batch = groupCommit<number>({ write: w.write });
    const first = batch.add(1);
    const rest = [2, 3, 4].map((n) => batch.add(n));
    expect(w.groups).toEqual([[1]]);
    await w.finishNext();
    await first;
    expect(w.groups).toEqual([[1], [2, 3, 4]]);
    await w.finishNext();
    await Promise.all(rest);
  });

  it('ends a group at its weight budget; an item heavier than the budget goes alone', async () => {
    const w = recordingWrite();
    const batch = groupCommit<number>({ write: w.write, weight: (n) => n, maxWeight: 5 });
    const all = [1, 2, 2, 3, 9, 1].map((n) => batch.add(n));
    for (let i = 0; i < 5; i++) await w.finishNext();
    await Promise.all(all);
    expect(w.groups).toEqual([[1], [2, 2], [3], [9], [1]]);
  });

  it('fails every item of a failed group, unless the error is isolated: then only the bad item fails', async () => {
    const bad = (items: readonly number[]) => (items.includes(13) ? new Error('13 is refused') : null);
    for (const isolate of [false, true]) {
      const w = recordingWrite(bad);
      const batch = groupCommit<number>({ write: w.write, isolate: () => isolate });
      const first = batch.add(0);
      const group = [12, 13, 14].map((n) =>
        batch.add(n).then(
          () => 'ok',
          (e: Error) => e.message,
        ),
      );
      for (let i = 0; i < 5; i++) await w.finishNext();
      await first;
      expect(await Promise.all(group)).toEqual(
        isolate ? ['ok', '13 is refused', 'ok'] : ['13 is refused', '13 is refused', '13 is refused'],
      );
      expect(w.groups).toEqual(isolate ? [[0], [12, 13, 14], [12], [13], [14]] : [[0], [12, 13, 14]]);
    }
  });
});
