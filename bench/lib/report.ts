import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const BENCH_DIR = join(__dirname, '..', '..', '..', 'bench');

export interface Check {
  what: string;
  value: string;
  target: string;
  ok: boolean;
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

export function commit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { cwd: BENCH_DIR, encoding: 'utf8' }).trim();
    // From the repository's root (pathspecs are relative to the working directory), and not counting
    // what the benchmarks write themselves.
    const dirty = execSync(`git status --porcelain -- apps libs migrations bench ':!bench/RESULTS.md' ':!bench/explain'`, {
      cwd: join(BENCH_DIR, '..'),
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (+ uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

const RESULTS = join(BENCH_DIR, 'RESULTS.md');

const HEADER = `# Benchmark results

Reproduce on a fresh clone (PostgreSQL and Redis are found or started by the scripts):

\`\`\`bash
npm run seed:scale                 # the national data set into its own database (canbo_scale)
npm run bench -- all               # or one scenario: npm run bench -- list-district
\`\`\`

Every run appends a section below: the command, the commit, the machine, each figure next to its
reference measured in the same run, and the target from \`../shared/spec/bench.md\`. Query plans
(\`EXPLAIN (ANALYZE, BUFFERS)\`) of each scenario's main query are in \`bench/explain/\`.
`;

/** Appends one scenario's figures and checks to bench/RESULTS.md and prints them. */
export function record(scenario: string, command: string, lines: string[], checks: Check[]): boolean {
  if (!existsSync(RESULTS)) writeFileSync(RESULTS, HEADER);
  const ok = checks.every((c) => c.ok);
  const text = [
    '',
    `## ${scenario} — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${ok ? 'on target' : 'MISSED'}`,
    '',
    `- command: \`${command}\``,
    `- commit: ${commit()}`,
    `- machine: ${machine()}`,
    ...lines.map((l) => `- ${l}`),
    '',
    '| check | measured | target | |',
    '| --- | --- | --- | --- |',
    ...checks.map((c) => `| ${c.what} | ${c.value} | ${c.target} | ${c.ok ? 'ok' : '**missed**'} |`),
    '',
  ].join('\n');
  appendFileSync(RESULTS, text);
  console.log(text);
  return ok;
}

export function saveExplain(scenario: string, plan: string): void {
  mkdirSync(join(BENCH_DIR, 'explain'), { recursive: true });
  writeFileSync(join(BENCH_DIR, 'explain', `${scenario}.txt`), plan);
}
