/** Fails fast, with the reason, when the real sample files the conformance tests read are not beside the project. */
import { existsSync } from 'node:fs';
import { buildCli } from '../scripts/build-cli.mjs';
import { SAMPLES_DIR } from './samples';

export default async function setup(): Promise<void> {
  if (!existsSync(SAMPLES_DIR))
    throw new Error(
      `${SAMPLES_DIR} not found: conformance and integration tests read the real vendor sample files from ../shared/samples (beside this project's folder). Put the shared folder there and run the tests again.`,
    );
  // The CLI the tests spawn (bin/itemized.mjs) runs this build: the shipped start-up path, ~0.5 s faster a spawn.
  await buildCli();
}
