import { readFileSync } from 'node:fs';

/**
 * `tsx src/profile-summary.ts <file.cpuprofile> [top]`: where a server's CPU went, from a `node --cpu-prof`
 * profile — self time by function and by package (node_modules folder, or our own source), so RESULTS.md can say
 * with figures what a flame graph would show.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

function packageOf(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.includes('/server/src/')) return `server/src/${url.split('/server/src/')[1]?.split('/')[0]}`;
  if (url.includes('/domain/src/')) return 'domain';
  if (url.startsWith('node:')) return url;
  return url ? 'other' : '(native / gc / idle)';
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, t] of selfMs) {
  const node = byId.get(id);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  const pkg = functionName === '(idle)' ? '(idle)' : functionName === '(garbage collector)' ? '(gc)' : packageOf(url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
}
const print = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title} (total ${(total / 1000).toFixed(1)} s)\n`);
  for (const [key, t] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(`${((t / total) * 100).toFixed(1).padStart(5)} %  ${(t / 1000).toFixed(2).padStart(7)} s  ${key}\n`);
  }
};
print('self time by package', byPackage);
print('self time by function', byFunction);

// Inclusive time of our own functions (server/src, domain/src, workers/src): which use case the ORM time belongs to.
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, t] of selfMs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame || !/\/(server|domain|workers)\/src\//.test(frame.url)) continue;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*\/work\/main\//, '')}:${frame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
print('inclusive time of our functions', inclusive);
