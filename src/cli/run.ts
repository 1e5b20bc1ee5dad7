import { DomainError } from '../domain/errors';
import { ImportError } from '../importing/errors';
import { StorageError } from '../storage';
import { digestCommand } from './commands/digestCommand';
import { exportCommand } from './commands/exportCommand';
import { importCommand } from './commands/importCommand';
import { outboxCommand } from './commands/outboxCommand';
import { policyCommand } from './commands/policyCommand';
import { remindCommand } from './commands/remindCommand';
import { reportCommand } from './commands/reportCommand';
import { reviewCommand } from './commands/reviewCommand';
import { roleCommand } from './commands/roleCommand';
import { UsageError, type CliCommand, type CliContext } from './context';

export { UsageError, type CliContext } from './context';

/** Every command, in the order `help` lists them. A new command is one file in commands/ and one line here. */
const COMMANDS: readonly CliCommand[] = [
  importCommand,
  remindCommand,
  digestCommand,
  reportCommand,
  reviewCommand,
  roleCommand,
  policyCommand,
  outboxCommand,
  exportCommand,
];

function usage(): string {
  return [
    'Användning: npm run cli -- <kommando> [flaggor]',
    ...COMMANDS.map((command) => `  ${command.usage}`),
    'Alla kommandon tar --tenant <id>.',
  ].join('\n');
}

/** Runs one CLI command and returns the exit status: 0 on success, 1 on bad input or failure. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      context.out(usage());
      return name === undefined ? 1 : 0;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`Okänt kommando "${name}". Skriv "npm run cli -- help" för en lista.`);
    return await command.run(rest, context);
  } catch (error) {
    const usageOf =
      error instanceof UsageError && error.showUsage ? COMMANDS.find((c) => c.name === name) : null;
    context.err(
      usageOf
        ? `${describeError(error)} Användning: npm run cli -- ${syntaxOf(usageOf)}`
        : describeError(error),
    );
    return 1;
  }
}

/** A command's usage without its description: `import <fil> [--json] …`. */
function syntaxOf(command: CliCommand): string {
  return command.usage.split(/ {3,}/)[0] ?? command.usage;
}

/** Errors become one line for the user; only an unexpected error says so, still without a stack trace. */
function describeError(error: unknown): string {
  if (error instanceof UsageError || error instanceof ImportError || error instanceof DomainError) {
    return `Fel: ${error.message}`;
  }
  if (error instanceof StorageError) return `Fel i lagringen: ${error.message}`;
  return `Oväntat fel: ${error instanceof Error ? error.message : String(error)}`;
}
