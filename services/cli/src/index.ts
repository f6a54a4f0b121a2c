/** @c360/cli — the `c360` command line, an HTTP client of a running platform. */
export { run, buildProgram, type CommandModule } from './program';
export { EXIT, CliError, type ExitCode } from './exit-codes';
export { memoryIo, processIo, type Io, type Writer } from './io';
export { renderProgress } from './progress';
