/**
 * The itemized CLI: ingest files, print summaries, generate and serve the demo.
 * Every command opens the same database as the dashboard (DATABASE_URL, else the embedded one).
 */
import { Command, InvalidArgumentError } from 'commander';
import { openConnection } from '../db/client';
import { getSummary } from '../db/queries/summary';
import { PRESETS } from '../lib/analysis/scenario-run';
import { getSource } from '../lib/ingest/registry';
import type { SourceId } from '../lib/ingest/types';
import { isTokenScope, parseExpiry, TOKEN_SCOPES, type TokenScope } from '../lib/tokens';
import { readMappingFile, runIngest } from './ingest';
import { collectPreset, collectRule, type ScenarioCliOptions } from './scenario-options';

const program = new Command();
program
  .name('itemized')
  .description('Audit what your organisation spends on AI, line by line.')
  .showHelpAfterError('(add --help for usage)');

function parseDay(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return v;
}
function parseInstant(v: string): Date {
  const d = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) || v.length === 10 ? v : `${v}Z`);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO-8601 time, e.g. 2026-01-31T12:00:00Z');
  return d;
}
function parseDecimal(v: string): string {
  if (!/^\d+(\.\d+)?$/.test(v)) throw new InvalidArgumentError('expected a non-negative decimal, e.g. 2.50');
  return v;
}
function parseSource(v: string): SourceId {
  if (v === 'mapped_csv') throw new InvalidArgumentError('mapped_csv reads CSV through a column mapping: give --mapping map.yaml instead');
  try {
    return getSource(v).id;
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}

function parseMonth(v: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v)) throw new InvalidArgumentError('expected a month as YYYY-MM');
  return v;
}
function parseFormat(v: string): 'csv' | 'xlsx' | 'pdf' | 'focus' {
  if (v !== 'csv' && v !== 'xlsx' && v !== 'pdf' && v !== 'focus') throw new InvalidArgumentError('expected csv, xlsx, pdf or focus');
  return v;
}
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** On the embedded database a second process waits this long for the owner before giving up. */
const LOCK_WAIT_MS = 120_000;

program
  .command('ingest')
  .description('load billing exports and logs (files or folders, recursively); each file is detected from its content')
  .argument('<paths...>', 'files or folders')
  .option('--source <id>', 'force a source instead of detecting it', parseSource)
  .option('--mapping <file>', 'read CSV files through this column mapping (YAML; see README "Column-mapped CSV")')
  .option('--at <time>', 'timestamp for records that carry none (default: the file modification time)', parseInstant)
  .option('--skip-invalid', 'load the valid records of a file and list every rejected one (default: all or nothing per file)')
  .option('--json', 'print a JSON summary on stdout')
  .action(async (paths: string[], o: { source?: SourceId; mapping?: string; at?: Date; skipInvalid?: boolean; json?: boolean }) => {
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
  });

program
  .command('summary')
  .description('print totals by vendor and model (tokens and exact money)')
  .option('--json', 'print JSON (the default and only format for now)')
  .option('--from <day>', 'first UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .option('--to <day>', 'last UTC day, inclusive (YYYY-MM-DD)', parseDay)
  .action(async (o: { from?: string; to?: string }) => {
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

const users = program.command('users').description('sign-in users and their roles (admin, analyst, finance)');
users
  .command('create')
  .description('create a user; the password is read from stdin, or asked for twice when stdin is a terminal')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--role <role>', 'admin, analyst or finance')
  .option('--name <name>', 'display name (default: the part of the email before @)')
  .option('--no-password', 'no password: the user signs in through OpenID Connect only')
  .action(async (o: { email: string; role: string; name?: string; password: boolean }) => {
    const { createUser, parseRole } = await import('./users');
    const role = parseRole(o.role);
    const password = o.password ? await (await import('./password-input')).readPassword() : null;
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      const u = await createUser(conn, { email: o.email, role, name: o.name, password });
      process.stdout.write(`created ${u.email} (${u.role})\n`);
    } finally {
      await conn.close();
    }
  });
users
  .command('list')
  .description('list users: email, role, enabled or disabled')
  .option('--json', 'print JSON')
  .action(async (o: { json?: boolean }) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      const list = await (await import('./users')).listUsers(conn);
      if (o.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else if (list.length === 0) process.stdout.write('no users yet: itemized users create --email you@example.com --role admin\n');
      else
        for (const u of list)
          process.stdout.write(`${u.email}\t${u.role ?? '-'}\t${u.disabled ? 'disabled' : 'enabled'}\t${u.createdAt}\n`);
    } finally {
      await conn.close();
    }
  });
users
  .command('set-role')
  .description("change a user's role")
  .requiredOption('--email <email>', 'the user')
  .requiredOption('--role <role>', 'admin, analyst or finance')
  .action(async (o: { email: string; role: string }) => {
    const { parseRole, setRole } = await import('./users');
    const role = parseRole(o.role);
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      const u = await setRole(conn, o.email, role);
      process.stdout.write(`${u.email} is now ${u.role}\n`);
    } finally {
      await conn.close();
    }
  });
for (const [name, disabled] of [
  ['disable', true],
  ['enable', false],
] as const) {
  users
    .command(name)
    .description(disabled ? 'stop a user signing in and end their sessions' : 'let a disabled user sign in again')
    .requiredOption('--email <email>', 'the user')
    .action(async (o: { email: string }) => {
      const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
      try {
        const u = await (await import('./users')).setDisabled(conn, o.email, disabled);
        process.stdout.write(`${u.email} ${u.disabled ? 'disabled' : 'enabled'}\n`);
      } finally {
        await conn.close();
      }
    });
}

const prices = program.command('prices').description('negotiated prices and discounts that win over list prices from a date');
prices
  .command('set')
  .description('add a price override (USD per million tokens) and reprice the events it covers')
  .requiredOption('--model <id>', 'model id as stored (normalised, e.g. gpt-4.1-mini) or raw')
  .option('--vendor <id>', 'only when billed by this vendor (default: any)')
  .requiredOption('--from <day>', 'first UTC day the price applies (YYYY-MM-DD)', parseDay)
  .option('--to <day>', 'first UTC day it no longer applies (YYYY-MM-DD)', parseDay)
  .requiredOption('--input <usd>', 'input price per million tokens', parseDecimal)
  .requiredOption('--output <usd>', 'output price per million tokens', parseDecimal)
  .option(
    '--cached-input <usd>',
    "cache-read price per million tokens (default: the catalog's cache/input ratio applied to --input)",
    parseDecimal,
  )
  .option(
    '--cache-write <usd>',
    "cache-write price per million tokens (default: the catalog's cache/input ratio applied to --input)",
    parseDecimal,
  )
  .option('--note <text>', 'where the price comes from (contract, discount)')
  .action(
    async (o: {
      model: string;
      vendor?: string;
      from: string;
      to?: string;
      input: string;
      output: string;
      cachedInput?: string;
      cacheWrite?: string;
      note?: string;
    }) => {
      const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
      try {
        const { setPriceOverride } = await import('./prices');
        const r = await setPriceOverride(conn, {
          vendor: o.vendor ?? null,
          model: o.model,
          effectiveFrom: new Date(`${o.from}T00:00:00Z`),
          effectiveTo: o.to ? new Date(`${o.to}T00:00:00Z`) : null,
          inputPerMtokUsd: o.input,
          outputPerMtokUsd: o.output,
          cachedInputPerMtokUsd: o.cachedInput ?? null,
          cacheWritePerMtokUsd: o.cacheWrite ?? null,
          note: o.note ?? null,
        });
        process.stdout.write(`override ${r.id} added; ${r.repriced} events repriced\n`);
      } finally {
        await conn.close();
      }
    },
  );
prices
  .command('list')
  .description('print the price overrides as JSON')
  .action(async () => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./prices')).printPriceOverrides(conn);
    } finally {
      await conn.close();
    }
  });

const tokens = program.command('tokens').description('bearer tokens for pushing data (POST /api/ingest, POST /v1/traces)');
const expiryArg = (v: string) => {
  const d = parseExpiry(v);
  if (!d) throw new InvalidArgumentError('expected YYYY-MM-DD, an ISO-8601 time, or a duration like 90d / 12h');
  return d;
};
tokens
  .command('create')
  .description('create a token; it is printed once, only its hash is stored')
  .argument('<name>', 'a name to list and revoke it by')
  .option('--expires-in <when>', 'a duration such as 30d or 12h, YYYY-MM-DD (through that UTC day), or an ISO time', expiryArg)
  .option('--expires <when>', 'the same as --expires-in', expiryArg)
  .option(
    '--scope <scopes>',
    `comma-separated: ${TOKEN_SCOPES.join(', ')} (default: all); ingest:files = POST /api/ingest, ingest:traces = POST /v1/traces`,
    (v: string, prev: TokenScope[] = []) => {
      const out = [...prev];
      for (const s of v.split(',').map((x) => x.trim())) {
        if (!isTokenScope(s)) throw new InvalidArgumentError(`unknown scope "${s}" (expected ${TOKEN_SCOPES.join(', ')})`);
        out.push(s);
      }
      return out;
    },
  )
  .action(async (name: string, o: { expires?: Date; expiresIn?: Date; scope?: TokenScope[] }) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./tokens')).createTokenCommand(conn, name, o.expiresIn ?? o.expires ?? null, o.scope ?? TOKEN_SCOPES);
    } finally {
      await conn.close();
    }
  });
tokens
  .command('list')
  .description('print the tokens as JSON (never the tokens themselves)')
  .action(async () => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./tokens')).listTokensCommand(conn);
    } finally {
      await conn.close();
    }
  });
tokens
  .command('revoke')
  .description('revoke the active token with this name')
  .argument('<name>')
  .action(async (name: string) => {
    const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
    try {
      await (await import('./tokens')).revokeTokenCommand(conn, name);
    } finally {
      await conn.close();
    }
  });

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
