/** Types for scripts/build-cli.mjs (a plain script so that npm's `prepare` runs it without tsx). */
export declare const CLI_BUILD_DIR: string;
export declare function buildCli(outdir?: string): Promise<{ outdir: string; inputs: number }>;
