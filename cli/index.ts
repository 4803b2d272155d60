/**
 * The itemized CLI: ingest files, print summaries, generate and serve the demo.
 * Every command opens the same database as the dashboard (DATABASE_URL, else the embedded one).
 */
import { Command } from 'commander';
import { openConnection } from '../db/client';
import { getSummary } from '../db/queries/summary';
import { PRESETS } from '../lib/analysis/scenario-run';
import type { SourceId } from '../lib/ingest/types';
import { registerAdminCommands } from './admin-commands';
import { checkDayRange, collect, LOCK_WAIT_MS, parseDay, parseFormat, parseInstant, parseMonth, parseOffset, parseSource } from './args';
import { readMappingFile, runIngest } from './ingest';
import { collectPreset, collectRule, type ScenarioCliOptions } from './scenario-options';

const program = new Command();
program
  .name('itemized')
  .description('Audit what your organisation spends on AI, line by line.')
  .showHelpAfterError('(add --help for usage)');

program
  .command('ingest')
  .description('load billing exports and logs (files or folders, recursively); each file is detected from its content')
  .argument('<paths...>', 'files or folders')
  .option('--source <id>', 'force a source instead of detecting it', parseSource)
  .option('--mapping <file>', 'read CSV files through this column mapping (YAML; see README "Column-mapped CSV")')
  .option('--at <time>', 'timestamp for records that carry none (default: the file modification time)', parseInstant)
  .option('--timezone <offset>', 'offset of zone-less timestamps (LiteLLM exports): UTC (default) or e.g. +02:00', parseOffset)
  .option('--skip-invalid', 'load the valid records of a file and list every rejected one (default: all or nothing per file)')
  .option('--json', 'print a JSON summary on stdout')
  .action(
    async (
      paths: string[],
      o: { source?: SourceId; mapping?: string; at?: Date; timezone?: string; skipInvalid?: boolean; json?: boolean },
    ) => {
      // The mapping is checked before the database is opened: a bad mapping loads nothing.
      const mapping = o.mapping ? await readMappingFile(o.mapping) : undefined;
      if (o.mapping && !mapping) {
        process.exitCode = 2;
        return;
      }
      const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
      try {
        const { exitCode } = await runIngest(conn, paths, { ...o, mapping: mapping ?? undefined });
        process.exitCode = exitCode;
      } finally {
        await conn.close();
      }
    },
  );

program
  .command('summary')
  .description('print totals by vendor and model (tokens and exact money)')
  .option('--json', 'print JSON (the default and only format for now)')
  .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .action(async (o: { from?: string; to?: string }) => {
    checkDayRange(o);
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      process.stdout.write(`${JSON.stringify(await getSummary(conn, o), null, 2)}\n`);
    } finally {
      await conn.close();
    }
  });

program
  .command('audit')
  .description('print the reasoning audit: per workflow verdicts, knees, caps, savings, easy tasks, unverified spend, loops')
  .option('--json', 'print JSON (the default and only format for now)')
  .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD; default: the first day with data)', parseDay)
  .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD; default: the last day with data)', parseDay)
  .action(async (o: { from?: string; to?: string }) => {
    checkDayRange(o);
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./audit')).runAudit(conn, o);
    } finally {
      await conn.close();
    }
  });

program
  .command('pull')
  .description(
    'pull usage and costs since the last pull: vendor admin APIs (openai, anthropic, openrouter; complete UTC days) or a LiteLLM proxy database (litellm)',
  )
  .argument('[connections...]', 'openai, anthropic, openrouter, litellm (default: every connection whose key or database URL is set)')
  .option('--since <day>', 'first UTC day for a connection never pulled before (default: 30 days ago)', parseDay)
  .option(
    '--base-url <url>',
    'API base URL (a proxy or a replay server); also ITEMIZED_OPENAI_BASE_URL / ITEMIZED_ANTHROPIC_BASE_URL / ITEMIZED_OPENROUTER_BASE_URL',
  )
  .option('--database-url <url>', "litellm: the LiteLLM proxy's Postgres, read-only (also LITELLM_DATABASE_URL)")
  .option('--json', 'print a JSON summary on stdout')
  .action(async (names: string[], o: { since?: string; baseUrl?: string; databaseUrl?: string; json?: boolean }) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      process.exitCode = await (await import('./pull')).runPull(conn, names, o);
    } finally {
      await conn.close();
    }
  });

program
  .command('export')
  .description('write the spend statement (csv, xlsx, pdf) or a FOCUS 1.2 CSV of AI spend for a period')
  .requiredOption('--format <format>', 'csv | xlsx | pdf | focus', parseFormat)
  .requiredOption('--out <file>', 'file to write')
  .option('--month <YYYY-MM>', 'one calendar month (default: the month of the latest data)', parseMonth)
  .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .option('--vendor <id>', 'only this vendor (repeatable)', collect)
  .option('--team <name>', "only this team (repeatable; '' = no team)", collect)
  .option('--workflow <name>', "only this workflow (repeatable; '' = no workflow)", collect)
  .option('--bom', 'csv/focus: start with a UTF-8 byte-order mark (for Excel)')
  .option('--no-record', 'do not record the export for the month-close view')
  .action(async (o) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./export')).runExport(conn, o);
    } finally {
      await conn.close();
    }
  });

program
  .command('demo')
  .description('generate a seeded 90-day demo organisation as vendor files, load it through the ingestors, optionally serve')
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10), 42)
  .option('--end <day>', 'exclusive end day (default: today, remembered in the data folder)', parseDay)
  .option('--scale <x>', 'volume multiplier', Number.parseFloat, 1)
  .option('--serve', 'then build (if needed) and start the dashboard in demo mode: sign-in off, localhost only')
  .option('--port <n>', 'port for --serve', (v) => Number.parseInt(v, 10), 3000)
  .option('--host <address>', 'loopback address to listen on (demo mode refuses any other)', '127.0.0.1')
  .action(async (o) => (await import('./demo')).runDemo(o));

program
  .command('serve')
  .description('build the dashboard if needed and serve it on the configured database (DATABASE_URL, else the embedded one)')
  .option('--port <n>', 'port', (v) => Number.parseInt(v, 10), 3000)
  .option('--host <address>', 'address to listen on', '127.0.0.1')
  .option('--no-auth', 'demo mode: no sign-in, everyone is admin; only on a loopback address')
  .action(async (o: { port: number; host: string; auth: boolean }) => (await import('./demo')).serve(o.port, o.host, { auth: o.auth }));

registerAdminCommands(program);

program
  .command('scenario')
  .description('what the period would cost under price rules (what-if 5x), beside what it cost')
  .option(
    '--rule <rule>',
    'repeatable: vendor=ID:x5, model=ID:x5, tokens=input|cached_input|output|reasoning:x5, subscription=PLAN:x2, ' +
      'subscriptions=metered, subscription=PLAN:metered, fallback=WORKFLOW[:VENDOR/MODEL], ' +
      'selfhost=WORKFLOW:gpu=H100,count=2,hourly=2.5,tps=2400,util=0.6',
    collectRule,
    [],
  )
  .option('--preset <name>', `repeatable, applied before the rules: ${PRESETS.join(', ')}`, collectPreset, [])
  .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD; default: the first day with data)', parseDay)
  .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD; default: the last day with data)', parseDay)
  .option('--json', 'print {"baseline": {...}, "scenario": {...}} with totals and breakdowns as decimal strings')
  .action(async (o: ScenarioCliOptions) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./scenario')).runScenarioCli(conn, o);
    } finally {
      await conn.close();
    }
  });

const config = program.command('config').description('the dependency map (workflows, subscriptions, budgets) as itemized.yaml');
config
  .command('import')
  .description('validate FILE and, if it has no error, replace the whole map with it (errors are reported by line)')
  .argument('<file>', 'itemized.yaml')
  .action(async (file: string) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      process.exitCode = await (await import('./config')).runConfigImport(conn, file);
    } finally {
      await conn.close();
    }
  });
config
  .command('export')
  .description('write the map as itemized.yaml (canonical form: export, import, export gives the same bytes)')
  .option('--out <file>', 'write to this file instead of stdout')
  .action(async (o: { out?: string }) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./config')).runConfigExport(conn, o.out);
    } finally {
      await conn.close();
    }
  });

program.parseAsync().catch((e: Error) => {
  process.stderr.write(`itemized: ${e.message}\n`);
  process.exit(1);
});
