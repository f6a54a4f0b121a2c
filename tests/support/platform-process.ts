import { spawn, type ChildProcess } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;
const children = new Set<ChildProcess>();

export interface PlatformProcess {
  child: ChildProcess;
  /** The health server's base URL, as printed in the start banner. */
  url: string;
  /** Everything written to stdout and stderr so far. */
  output: () => string;
  /** Resolves with the exit code once the process closed (its output is then complete). */
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `npm start`'s entry point as its own process, as a user would, on a free port, on the embedded
 * default (PGlite under `dataDir`, embedded log); `env` adds or overrides variables.
 * Rejects if the banner is not printed within 90 s or the process exits first.
 */
export async function startPlatform(dataDir: string, env: Record<string, string> = {}): Promise<PlatformProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/platform/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, C360_DATA_DIR: dataDir, C360_PORT: '0', DATABASE_URL: '', C360_BUS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  // 'close', not 'exit': the output is complete once stdout and stderr closed.
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  void exited.then(() => children.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start in 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const match = /health\s+(http:\/\/localhost:\d+)\/healthz/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    url,
    output: () => output,
    exited,
    stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** SIGKILLs every platform still running, so that a failed assertion does not leave one behind. */
export function killPlatforms(): void {
  for (const child of children) child.kill('SIGKILL');
}

/** A value of the platform's /metrics, or undefined while the series is absent. */
export async function metric(url: string, token: string, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
