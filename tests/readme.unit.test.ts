import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationVariables } from '@c360/config';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

function section(title: string): string {
  const start = readme.indexOf(`## ${title}`);
  if (start < 0) throw new Error(`README has no "## ${title}" section`);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('given the Quick start, then it has exactly two commands, both npm scripts that exist', () => {
    const block = /```sh\n([\s\S]*?)```/.exec(section('Quick start'))?.[1] ?? '';
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*$/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm start', 'npm test']);
    expect(packageJson.scripts.start).toBeDefined();
    expect(packageJson.scripts.test).toBeDefined();
  });

  it('given the configuration table, then it lists exactly the variables the code reads', () => {
    const documented = [...section('Configuration').matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...configurationVariables].sort());
  });

  it('given the development table, then every npm script it names exists', () => {
    const named = [...section('Development').matchAll(/`npm run ([a-z:]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    for (const script of named) expect(packageJson.scripts, script).toHaveProperty([script]);
  });
});
