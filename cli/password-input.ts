/**
 * Reads a password for `users create`: piped on stdin (scripts: `printf %s "$PW" | itemized users
 * create …`), or typed at a prompt with echo off and asked twice. Never from an argument, which
 * would land in the shell history and the process list.
 */
import { createInterface } from 'node:readline';

export async function readPassword(stdin: NodeJS.ReadStream = process.stdin, stderr: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += chunk;
    // One trailing newline is the shell's, not the password's.
    return text.replace(/\r?\n$/, '');
  }
  const first = await prompt('Password: ', stdin, stderr);
  const again = await prompt('Repeat password: ', stdin, stderr);
  if (first !== again) throw new Error('the passwords differ');
  return first;
}

function prompt(question: string, stdin: NodeJS.ReadStream, stderr: NodeJS.WriteStream): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: stdin, output: stderr, terminal: true });
    let muted = false;
    // readline echoes through _writeToOutput; muting it after the question hides what is typed.
    const internal = rl as unknown as { _writeToOutput: (s: string) => void };
    internal._writeToOutput = (s: string) => {
      if (!muted || s === '\r\n' || s === '\n') stderr.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      stderr.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
