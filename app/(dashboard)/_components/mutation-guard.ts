/**
 * Every server action that changes data calls this first. There is no sign-in yet (README: bind to
 * localhost); when there is, the check goes here and covers every mutation at once: the scenario save
 * and delete (app/(dashboard)/scenarios/actions.ts) and the dependency map edits and import
 * (app/(dashboard)/settings/workflows/actions.ts). Throw to refuse.
 */
export async function guardMutation(_action: string): Promise<void> {}
