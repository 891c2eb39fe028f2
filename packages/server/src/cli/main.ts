#!/usr/bin/env node
import { ConfigError } from '../config/index.ts';
import { ValidationError } from '../domain/errors.ts';
import { configTable } from '../config/docs.ts';
import { dbMigrate, dbSeedDemo } from './commands/db.ts';
import { keysRotate } from './commands/keys.ts';
import { hasuraDoctor, hasuraImportRoles, hasuraJwtSecretCommand, hasuraPresetEnable } from './commands/hasura.ts';
import { processIo, UsageError, type CliIo } from './context.ts';
import { isMainModule } from '../is-main.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  start: {
    run: async (_args, io) => {
      const { main } = await import('../main.ts');
      await main(io.env);
      return -1;
    },
    help: 'start the server (same as npm start)',
  },
  'config docs': { run: async (_args, io) => (io.out(configTable()), 0), help: 'print the configuration table (markdown)' },
  'db migrate': { run: dbMigrate, help: 'apply database migrations' },
  'db seed-demo': { run: dbSeedDemo, help: "create Logto's Hasura example (--resource <indicator>)" },
  'keys rotate': { run: keysRotate, help: 'publish a new signing key now; it signs after the lead time (--lead-time <s>)' },
  'hasura jwt-secret': { run: hasuraJwtSecretCommand, help: 'print HASURA_GRAPHQL_JWT_SECRET (--resource <indicator>)' },
  'hasura preset': {
    run: (args, io) =>
      args[0] === 'enable'
        ? hasuraPresetEnable(args.slice(1), io)
        : Promise.reject(
            new UsageError(
              'usage: gatehouse hasura preset enable --resource <indicator> [--default-roles a,b] [--unauthorized-role r] [--format json|stringified_json] [--machine]',
            ),
          ),
    help: 'enable the Hasura claims preset (enable --resource <indicator> [--default-roles a,b])',
  },
  'hasura doctor': {
    run: hasuraDoctor,
    help: "what Hasura decides for a token (--jwt-secret '<json>' --token <jwt> [--role r]); exit 0/1/2",
  },
  'hasura import-roles': {
    run: hasuraImportRoles,
    help: 'one role + scope per Hasura role (<metadata> --resource <indicator> [--dry-run])',
  },
};

export function registerCommand(name: string, run: Command, help: string): void {
  commands[name] = { run, help };
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ['Usage: gatehouse <command> [options]', '', ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.help}`)].join(
    '\n',
  );
}

/** Runs one CLI command; returns the exit code (-1: a long-running command keeps the process). */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const two = argv.slice(0, 2).join(' ');
  const name = commands[two] ? two : (argv[0] ?? '');
  const command = commands[name];
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(usage());
    return 0;
  }
  if (!command || argv.includes('--help') || argv.includes('-h')) {
    (command ? io.out : io.err)(usage());
    return command ? 0 : 2;
  }
  try {
    return await command.run(argv.slice(name.split(' ').length), io);
  } catch (error) {
    if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof ValidationError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.err((error as Error).message);
      return 2;
    }
    io.err(`gatehouse ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (isMainModule(import.meta.url)) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
