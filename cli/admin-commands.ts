/** The CLI's administration commands: sign-in users, price overrides and push tokens. */
import { type Command, InvalidArgumentError } from 'commander';
import { openConnection } from '../db/client';
import { isTokenScope, parseExpiry, TOKEN_SCOPES, type TokenScope } from '../lib/tokens';
import { LOCK_WAIT_MS, parseDay, parseDecimal } from './args';
import { cliActor } from './cli-actor';

export function registerAdminCommands(program: Command): void {
  const users = program.command('users').description('sign-in users and their roles (admin, analyst, finance)');
  users
    .command('create')
    .description('create a user; the password is read from stdin, or asked for twice when stdin is a terminal')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--role <role>', 'admin, analyst or finance')
    .option('--name <name>', 'display name (default: the part of the email before @)')
    .option('--no-password', 'no password: the user signs in through OpenID Connect only')
    .action(async (o: { email: string; role: string; name?: string; password: boolean }) => {
      const { createUser, parseRole } = await import('../lib/auth/users');
      const role = parseRole(o.role);
      const password = o.password ? await (await import('./password-input')).readPassword() : null;
      const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
      try {
        const u = await createUser(conn, { email: o.email, role, name: o.name, password }, cliActor());
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
        const list = await (await import('../lib/auth/users')).listUsers(conn);
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
      const { parseRole, setRole } = await import('../lib/auth/users');
      const role = parseRole(o.role);
      const conn = await openConnection({ lockWaitMs: LOCK_WAIT_MS });
      try {
        const u = await setRole(conn, o.email, role, cliActor());
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
          const u = await (await import('../lib/auth/users')).setDisabled(conn, o.email, disabled, cliActor());
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
}
