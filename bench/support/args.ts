/** The command line of a benchmark: `--name value` options, bare flags, and `--json` for machine-readable output. */
export interface BenchArgs {
  value(name: string): string | undefined;
  has(name: string): boolean;
  json: boolean;
}

export function benchArgs(argv: string[] = process.argv.slice(2)): BenchArgs {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const has = (name: string) => argv.includes(name);
  return { value, has, json: has('--json') };
}
