import { runCheck, type CliIO } from './check';
import { runChecklist } from './checklist';
import { UsageError, USAGE } from './args';
import { packageVersion } from '../workspace/package-files';

/** The `readiness` command: returns the exit code (0 clean, 1 findings, 2 usage or config error). */
export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'checklist':
        return await runChecklist(rest, io);
      case '--version':
      case '-v':
        io.stdout(`${packageVersion()}\n`);
        return 0;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return 0;
      case undefined:
        io.stderr(`${USAGE}\n`);
        return 2;
      default:
        io.stderr(`readiness: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`readiness: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      io.stderr(`readiness: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** Entry point used by bin/readiness.js. */
export function run(): void {
  main(process.argv.slice(2), processIO).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`readiness: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
