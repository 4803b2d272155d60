/** Who the audit log names for changes made from the command line: "cli:<os user>" (the shell is the admin). */
import { userInfo } from 'node:os';

export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}
