#!/usr/bin/env node
// The `c360` executable: the CLI is TypeScript run by tsx (a dependency of the
// workspace), registered here as a module loader before the entry point is imported.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
