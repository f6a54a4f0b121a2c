/**
 * `npm run bench [-- --quick] [-- --only store,bus]`: runs every benchmark one after
 * the other (never two at once: they would measure each other), passing its output
 * through, then prints one table of every figure next to the reference measured in
 * the same run, with the ratio, and every target's verdict.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseBenchSummary, renderSummary, type BenchSummary } from '../report';

const BENCHES = ['store', 'bus', 'collect', 'import', 'ingest', 'query'] as const;
const USAGE = `usage: npm run bench [-- --quick] [-- --only ${BENCHES.join(',')}]
  --quick        every benchmark's smoke run
  --only a,b     only these benchmarks
each benchmark reads its own environment (BENCH_*, DATABASE_URL): see the README's Benchmarks section`;

function parseArgs(argv: readonly string[]): { quick: boolean; only: string[] } {
  let quick = false;
  let only: string[] = [...BENCHES];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') quick = true;
    else if (arg === '--only' && argv[i + 1]) only = argv[++i]!.split(',').map((b) => b.trim());
    else fail(`unknown argument ${arg}`);
  }
  const unknown = only.filter((b) => !(BENCHES as readonly string[]).includes(b));
  if (unknown.length > 0) fail(`unknown benchmark(s) ${unknown.join(', ')}`);
  return { quick, only };
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Runs one benchmark in its own process; its output passes through, its summary line is kept. */
function runBench(name: string, quick: boolean): Promise<{ summary: BenchSummary | null; exitCode: number }> {
  const entry = fileURLToPath(new URL(`../${name}/main.ts`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...(quick ? ['--quick'] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let summary: BenchSummary | null = null;
  createInterface({ input: child.stdout }).on('line', (line) => {
    const parsed = parseBenchSummary(line);
    if (parsed) summary = parsed;
    else console.log(line);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ summary, exitCode: code ?? 1 }));
  });
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const summaries: BenchSummary[] = [];
  const failed: string[] = [];
  for (const name of only) {
    console.log(`\n===== bench:${name}${quick ? ' --quick' : ''} =====`);
    const { summary, exitCode } = await runBench(name, quick);
    if (summary) summaries.push(summary);
    else failed.push(`${name}: no figures (exit code ${exitCode})`);
    if (summary && exitCode !== 0) failed.push(`${name}: exit code ${exitCode} (see its output above)`);
  }
  console.log(`\n${renderSummary(summaries, failed)}`);
  if (failed.length > 0) process.exitCode = 1;
}

void main();
