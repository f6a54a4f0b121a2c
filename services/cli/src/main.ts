import { processIo } from './io';
import { run } from './program';

/** `c360` / `npm run c360 --`: the process's arguments, streams and environment. */
const code = await run(process.argv.slice(2), processIo());
process.exitCode = code;
