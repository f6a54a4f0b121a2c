import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../..', import.meta.url).pathname;

describe('the c360 entry points, as a user runs them', () => {
  it('given `npm run c360 -- --help`, then it prints the commands and exits 0', () => {
    const result = spawnSync('npm', ['run', '--silent', 'c360', '--', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: c360');
    expect(result.stdout).toContain('projections');
  }, 60_000);

  it('given the package bin, when a command is unknown, then it exits 2; with --help, 0', () => {
    const bin = `${ROOT}services/cli/bin/c360.mjs`;
    expect(spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' }).status).toBe(2);
    const help = spawnSync(process.execPath, [bin, 'dlq', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('retry');
  }, 60_000);
});
