import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import * as SHARED_ENV_PARTS from '@hiorder/core/config';
import { SERVER_ENV_NAMES } from '../env';

/**
 * The deploy files are only run by Docker and Kubernetes, neither of which is here: this keeps them honest
 * without either. Every YAML parses; every Deployment serving HTTP has readiness (/readyz) and liveness
 * (/healthz) probes, resources and a Service that selects it; the HPA, PDB and Ingress point at what exists; and
 * every variable set in compose or the ConfigMap/Secret is one that server/src/env.ts or workers/src/env.ts reads.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const K8S_DIR = join(ROOT, 'deploy/k8s');

/**
 * The workers' variables, read from their schema's source (the server never imports the workers package): its
 * own names, and those of the shared parts of core/src/config/env.ts it spreads in.
 */
function workerEnvNames(): Set<string> {
  const source = readFileSync(join(ROOT, 'workers/src/env.ts'), 'utf8');
  const shared = [...source.matchAll(/^ {2}\.\.\.(\w+),$/gm)].flatMap((m) =>
    Object.keys(SHARED_ENV_PARTS[m[1] as keyof typeof SHARED_ENV_PARTS] ?? {}),
  );
  return new Set([...shared, ...[...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] ?? '')]);
}

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
};
type Container = {
  name: string;
  ports?: { name?: string; containerPort: number }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  env?: { name: string }[];
  args?: string[];
};
type PodSpec = { containers: Container[]; terminationGracePeriodSeconds?: number };
type Deployment = Manifest & {
  spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } };
};
type Service = Manifest & {
  spec: { selector: Record<string, string>; ports: { name?: string; port: number; targetPort: string | number }[] };
};

function loadK8s(): Manifest[] {
  const manifests: Manifest[] = [];
  for (const file of readdirSync(K8S_DIR).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      const value = doc.toJS() as Manifest | null;
      if (value) manifests.push(value);
    }
  }
  return manifests;
}

/** The value after a command-line flag (`--appendonly yes`). */
const flag = (args: readonly string[] | undefined, name: string) => args?.[args.indexOf(name) + 1];
/** BullMQ's production settings: queued jobs survive a restart (append-only file), and are never evicted. */
const expectBullmqRedis = (args: readonly string[] | undefined, where: string) => {
  expect(flag(args, '--appendonly'), `${where} appendonly`).toBe('yes');
  expect(flag(args, '--maxmemory-policy'), `${where} maxmemory-policy`).toBe('noeviction');
};

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('deploy/k8s', () => {
  const manifests = loadK8s();
  const of = <T extends Manifest>(kind: string) => manifests.filter((m) => m.kind === kind) as T[];
  const known = new Set([...SERVER_ENV_NAMES, ...workerEnvNames()]);

  it('parses, and holds the expected kinds', () => {
    const kinds = new Set(manifests.map((m) => m.kind));
    for (const kind of [
      'Deployment',
      'Service',
      'Ingress',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'ConfigMap',
      'Secret',
      'Job',
      'Kustomization',
    ])
      expect(kinds, kind).toContain(kind);
  });

  it('gives every Deployment resources, and every HTTP one probes and a matching Service', () => {
    for (const deployment of of<Deployment>('Deployment')) {
      const name = deployment.metadata.name;
      expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels), `${name} selector`).toBe(true);
      expect(deployment.spec.template.spec.terminationGracePeriodSeconds, `${name} grace`).toBeGreaterThan(0);
      for (const container of deployment.spec.template.spec.containers) {
        expect(container.resources?.requests?.cpu && container.resources.requests.memory, `${name} requests`).toBeTruthy();
        expect(container.resources?.limits?.memory, `${name} limits`).toBeTruthy();
        if (!container.ports?.length) continue;
        // HTTP containers: ready means /readyz (database, migrations, not draining); alive means /healthz.
        expect(container.readinessProbe?.httpGet?.path, `${name} readiness`).toBe('/readyz');
        expect(container.livenessProbe?.httpGet?.path, `${name} liveness`).toBe('/healthz');
        const service = of<Service>('Service').find((s) => selects(s.spec.selector, deployment.spec.template.metadata.labels));
        expect(service, `${name} service`).toBeDefined();
        for (const port of service?.spec.ports ?? []) {
          expect(
            container.ports.some((p) => p.name === port.targetPort || p.containerPort === port.targetPort),
            `${name} port ${port.targetPort}`,
          ).toBe(true);
        }
      }
    }
  });

  it('points the HPA, the PDB and the Ingress at what exists, with cookie affinity for Socket.IO', () => {
    const deployments = of<Deployment>('Deployment');
    for (const hpa of of<Manifest & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }>(
      'HorizontalPodAutoscaler',
    )) {
      expect(deployments.map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    }
    for (const pdb of of<Manifest & { spec: { selector: { matchLabels: Record<string, string> } } }>('PodDisruptionBudget')) {
      expect(deployments.some((d) => selects(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels))).toBe(true);
    }
    const services = of<Service>('Service').map((s) => s.metadata.name);
    for (const ingress of of<Manifest & { spec: { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] } }>(
      'Ingress',
    )) {
      expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
      for (const path of ingress.spec.rules.flatMap((r) => r.http.paths)) expect(services).toContain(path.backend.service.name);
    }
  });

  it('runs Redis as BullMQ asks: an append-only file on a volume, noeviction, behind the Service REDIS_URL names', () => {
    type StatefulSet = Deployment & { spec: { volumeClaimTemplates?: { metadata: { name: string } }[] } };
    const redis = of<StatefulSet>('StatefulSet').find((s) => s.metadata.name === 'redis');
    const container = redis?.spec.template.spec.containers[0] as
      (Container & { volumeMounts?: { name: string; mountPath: string }[] }) | undefined;
    expectBullmqRedis(container?.args, 'k8s redis');
    const dataDir = flag(container?.args, '--dir');
    const mount = container?.volumeMounts?.find((m) => m.mountPath === dataDir);
    expect(
      redis?.spec.volumeClaimTemplates?.map((v) => v.metadata.name),
      'redis data volume',
    ).toContain(mount?.name);
    const host = new URL(
      of('ConfigMap')
        .map((m) => m.data?.REDIS_URL)
        .find(Boolean) ?? 'redis://missing',
    ).hostname;
    const service = of<Service>('Service').find((s) => s.metadata.name === host);
    expect(
      service && redis && selects(service.spec.selector, redis.spec.template.metadata.labels),
      'REDIS_URL host selects the redis pods',
    ).toBe(true);
  });

  it('migrates in a Job, and configures only variables the apps read', () => {
    const jobs = of<Manifest & { spec: { template: { spec: PodSpec } } }>('Job');
    expect(jobs.some((j) => j.spec.template.spec.containers.some((c) => c.args?.includes('dist/migrate.js')))).toBe(true);
    const config = of('ConfigMap').flatMap((m) => Object.keys(m.data ?? {}));
    const secrets = of('Secret').flatMap((m) => Object.keys(m.stringData ?? m.data ?? {}));
    const containerEnv = of<Deployment>('Deployment').flatMap((d) =>
      d.spec.template.spec.containers.flatMap((c) => (c.env ?? []).map((e) => e.name)),
    );
    for (const name of [...config, ...secrets, ...containerEnv]) expect(known, name).toContain(name);
    expect(config).toContain('MIGRATE_ON_START');
    const kustomization = manifests.find((m) => m.kind === 'Kustomization') as (Manifest & { resources: string[] }) | undefined;
    expect(new Set(kustomization?.resources)).toEqual(
      new Set(readdirSync(K8S_DIR).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')),
    );
  });
});

describe('docker-compose.yml', () => {
  type ComposeService = {
    command?: string[];
    volumes?: string[];
    environment?: Record<string, string>;
    healthcheck?: { test?: unknown; disable?: boolean };
    depends_on?: Record<string, { condition: string }>;
  };
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const services = compose.services;
  const servers = Object.keys(services).filter((name) => /^server-\d+$/.test(name));

  it('runs Redis as BullMQ asks: an append-only file on a volume, noeviction', () => {
    expectBullmqRedis(services.redis?.command, 'compose redis');
    expect(
      services.redis?.volumes?.some((v) => v.endsWith(':/data')),
      'compose redis volume',
    ).toBe(true);
  });

  it('runs postgres, redis, a one-shot migrate, two servers behind a sticky proxy, and the workers', () => {
    for (const name of ['postgres', 'redis', 'migrate', 'proxy', 'workers', 'sandbox']) expect(Object.keys(services)).toContain(name);
    expect(servers.length).toBeGreaterThanOrEqual(2);
    expect(services.migrate?.command).toContain('dist/migrate.js');
    for (const name of ['postgres', 'redis', 'proxy', 'sandbox', ...servers])
      expect(services[name]?.healthcheck?.test, `${name} healthcheck`).toBeDefined();
    const haproxy = readFileSync(join(ROOT, 'deploy/haproxy/haproxy.cfg'), 'utf8');
    expect(haproxy).toMatch(/cookie \S+ insert/);
    for (const name of servers) {
      expect(haproxy).toMatch(new RegExp(`server \\S+ ${name}:8080 cookie`));
      expect(services[name]?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    }
  });

  it('sets only variables of server/src/env.ts (workers: workers/src/env.ts), and servers never migrate', () => {
    const serverNames = new Set(SERVER_ENV_NAMES);
    for (const name of [...servers, 'migrate']) {
      for (const key of Object.keys(services[name]?.environment ?? {})) expect(serverNames, `${name}: ${key}`).toContain(key);
    }
    const workerNames = workerEnvNames();
    for (const key of Object.keys(services.workers?.environment ?? {})) expect(workerNames, `workers: ${key}`).toContain(key);
    for (const name of servers) {
      expect(services[name]?.environment?.MIGRATE_ON_START).toBe('false');
      expect(services[name]?.environment?.REDIS_URL).toMatch(/^redis:\/\//);
    }
  });
});
