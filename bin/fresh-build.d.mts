/** Types for bin/fresh-build.mjs. */
export declare function freshBuild(buildDir: string, root: string): string | null;
