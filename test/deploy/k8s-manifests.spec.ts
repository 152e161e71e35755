import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { validateEnv } from '@qa/platform';
import { ScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1';
import { loadAll } from 'js-yaml';
import { ConfigMap, Namespace, PersistentVolumeClaim, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { CoachingEnv } from '../../apps/coaching/src/config/coaching.env';
import { ComplaintsEnv } from '../../apps/complaints/src/config/complaints.env';
import { GatewayEnv } from '../../apps/gateway/src/config/gateway.env';
import { IngestionEnv } from '../../apps/ingestion/src/config/ingestion.env';
import { KpiEnv } from '../../apps/kpi/src/config/kpi.env';
import { ScoringEnv } from '../../apps/scoring/src/config/scoring.env';

/**
 * deploy/k8s checked without a cluster: every object against the Kubernetes (and KEDA) schemas,
 * and against the code: each service gets the variables its own env class validates, probes on
 * its /health, and a scaler on its own consumer group.
 */
const ROOT = join(__dirname, '../../deploy/k8s');
const BASE = join(ROOT, 'base');
const OVERLAY = join(ROOT, 'overlays/example');
const APPS = ['gateway', 'ingestion', 'scoring', 'complaints', 'kpi', 'coaching'] as const;
type App = (typeof APPS)[number];
const ENVS: Record<App, new () => object> = {
  gateway: GatewayEnv,
  ingestion: IngestionEnv,
  scoring: ScoringEnv,
  complaints: ComplaintsEnv,
  kpi: KpiEnv,
  coaching: CoachingEnv,
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Kustomization {
  resources?: string[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
  secretGenerator?: { name: string; envs: string[] }[];
  configMapGenerator?: { name: string; behavior?: string; literals?: string[] }[];
}

const MODELS: Record<string, new (o: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'keda.sh/v1alpha1/ScaledObject': ScaledObject,
};

const readYaml = (path: string) => loadAll(readFileSync(path, 'utf8')) as unknown[];
const kustomization = (dir: string) =>
  readYaml(join(dir, 'kustomization.yaml'))[0] as Kustomization;

function resourcesOf(dir: string): K8sObject[] {
  return (kustomization(dir).resources ?? []).flatMap((r) => {
    const path = join(dir, r);
    if (existsSync(join(path, 'kustomization.yaml'))) return resourcesOf(path);
    return readYaml(path) as K8sObject[];
  });
}

const base = resourcesOf(BASE);
const find = <T = K8sObject>(kind: string, name: string) =>
  base.find((o) => o.kind === kind && o.metadata.name === name) as T | undefined;

interface Container {
  command: string[];
  ports: { name: string; containerPort: number }[];
  env: { name: string; value?: string; valueFrom?: { secretKeyRef: { key: string } } }[];
  envFrom: { configMapRef: { name: string } }[];
  readinessProbe: { httpGet?: { path: string; port: string } };
  startupProbe: { httpGet?: { path: string; port: string } };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}
interface DeploymentSpec {
  spec: {
    selector: { matchLabels: Record<string, string> };
    template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } };
  };
}
const containerOf = (app: App) =>
  find<DeploymentSpec>('Deployment', app)!.spec.template.spec.containers[0];
const configData = () => find<{ data: Record<string, string> }>('ConfigMap', 'qa-config')!.data;

/** What the service would see in its pod, with fresh strong values for every secret it names. */
function podEnv(app: App, drop?: string): Record<string, string> {
  const secrets: Record<string, string> = {
    DATABASE_URL: 'postgres://qa:secret@postgres:5432/qa',
    INTERNAL_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    ADMIN_PASSWORD: `Rollout ${randomBytes(9).toString('base64url')} Harbour!`,
  };
  const env: Record<string, string> = { ...configData() };
  for (const e of containerOf(app).env) {
    const value = e.value ?? secrets[e.valueFrom?.secretKeyRef.key ?? ''];
    if (value !== undefined && e.name !== drop) env[e.name] = value;
  }
  return env;
}

describe('deploy/k8s', () => {
  it('lists only files that exist, and the overlay patches objects the base defines', () => {
    for (const dir of [BASE, OVERLAY])
      for (const r of kustomization(dir).resources ?? [])
        expect(existsSync(join(dir, r))).toBe(true);
    for (const p of kustomization(OVERLAY).patches ?? [])
      expect(find(p.target.kind, p.target.name)).toBeDefined();
    for (const g of kustomization(OVERLAY).configMapGenerator ?? [])
      expect(find('ConfigMap', g.name)).toBeDefined();
  });

  it('holds only objects that validate against the Kubernetes and KEDA schemas', () => {
    const all = [...base, ...resourcesOf(OVERLAY).filter((o) => !base.includes(o))];
    expect(all.length).toBeGreaterThan(20);
    for (const o of all) {
      const Model = MODELS[`${o.apiVersion}/${o.kind}`];
      expect([`${o.kind}/${o.metadata.name}`, Model !== undefined]).toEqual([
        `${o.kind}/${o.metadata.name}`,
        true,
      ]);
      expect(() => new Model(o as never).validate()).not.toThrow();
    }
  });

  it('rejects an object the schemas do not allow (the check can fail)', () => {
    const broken = structuredClone(find('Deployment', 'scoring')!) as unknown as DeploymentSpec;
    (broken.spec.template.spec.containers[0] as unknown as { ports: unknown }).ports = 'http';
    expect(() => new Deployment(broken as never).validate()).toThrow();
  });

  it.each(APPS)(
    '%s: runs its build output, probes /health on its port, sets requests and limits',
    (app) => {
      const c = containerOf(app);
      const main = c.command.at(-1)!;
      expect(main).toBe(`dist/apps/${app}/src/main.js`);
      expect(
        existsSync(join(__dirname, '../..', dirname(main).replace(/^dist\//, ''), 'main.ts')),
      ).toBe(true);
      const port = c.ports.find((p) => p.name === 'http')!.containerPort;
      expect(c.env.find((e) => e.name === 'PORT')?.value).toBe(String(port));
      for (const probe of [c.readinessProbe, c.startupProbe])
        expect(probe.httpGet).toEqual({ path: '/health', port: 'http' });
      for (const r of ['cpu', 'memory']) {
        expect(c.resources.requests[r]).toBeDefined();
        expect(c.resources.limits[r]).toBeDefined();
      }
      expect(c.envFrom).toEqual([{ configMapRef: { name: 'qa-config' } }]);
    },
  );

  it.each(APPS)(
    '%s: gets every variable its env class requires, and would refuse to start without one',
    (app) => {
      expect(() => validateEnv(ENVS[app])(podEnv(app))).not.toThrow();
      expect(() => validateEnv(ENVS[app])(podEnv(app, 'INTERNAL_SECRET'))).toThrow(
        /INTERNAL_SECRET/,
      );
    },
  );

  it('points the gateway at Services that exist on the ports the services listen on', () => {
    const data = configData();
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      const url = new URL(data[`${app.toUpperCase()}_URL`]);
      const svc = find<{ spec: { ports: { port: number; targetPort: string }[] } }>(
        'Service',
        url.hostname,
      )!;
      expect(svc).toBeDefined();
      expect(svc.spec.ports[0].port).toBe(Number(url.port));
      expect(containerOf(app).ports[0].containerPort).toBe(Number(url.port));
    }
  });

  const podLabels = (app: App) =>
    find<DeploymentSpec>('Deployment', app)!.spec.template.metadata.labels;
  const selects = (app: App, sel: Record<string, string>) =>
    Object.entries(sel).every(([k, v]) => podLabels(app)[k] === v);

  it.each(APPS)('%s: its Service and disruption budget select its own pods', (app) => {
    const svc = find<{ spec: { selector: Record<string, string> } }>('Service', app)!;
    const pdb = find<{ spec: { selector: { matchLabels: Record<string, string> } } }>(
      'PodDisruptionBudget',
      app,
    )!;
    expect(selects(app, svc.spec.selector)).toBe(true);
    expect(selects(app, pdb.spec.selector.matchLabels)).toBe(true);
  });

  it('scales the gateway on CPU with at least two replicas', () => {
    const hpa = find<{ spec: { scaleTargetRef: { name: string }; minReplicas: number } }>(
      'HorizontalPodAutoscaler',
      'gateway',
    )!;
    expect(hpa.spec.scaleTargetRef.name).toBe('gateway');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
  });

  it.each(APPS.filter((a) => a !== 'gateway'))(
    '%s: KEDA scales it on its own consumer group, up to the partition count',
    (app) => {
      const so = find<{
        spec: {
          scaleTargetRef: { name: string };
          maxReplicaCount: number;
          triggers: { type: string; metadata: Record<string, string> }[];
        };
      }>('ScaledObject', app)!;
      expect(so.spec.scaleTargetRef.name).toBe(app);
      const kafka = so.spec.triggers.find((t) => t.type === 'kafka')!;
      // The group the service joins: KAFKA_GROUP_PREFIX (unset here) + its name.
      expect(kafka.metadata.consumerGroup).toBe(app);
      expect(configData()[kafka.metadata.bootstrapServersFromEnv]).toBeDefined();
      expect(so.spec.maxReplicaCount).toBeLessThanOrEqual(Number(configData().KAFKA_PARTITIONS));
    },
  );
});
