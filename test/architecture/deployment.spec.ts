import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { configSchema } from '@ledger/config';

// Issue 14 item 8: the image and the Kubernetes manifests, parsed and checked for what a
// cluster needs. The image's commands are checked against the built dist/ (`npm test` builds).
const ROOT = join(__dirname, '..', '..');
const K8S = join(ROOT, 'infra', 'kubernetes');

/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are checked field by field */
const manifests: any[] = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseAllDocuments(readFileSync(join(K8S, f), 'utf8')).map((d) => d.toJSON()));
const deployments = manifests.filter((m) => m.kind === 'Deployment');
const containerOf = (name: string) =>
  deployments.find((d) => d.metadata.name === name).spec.template.spec.containers[0];
const envOf = (container: any) => Object.fromEntries(container.env.map((e: any) => [e.name, e.value ?? e.valueFrom]));

describe('the Kubernetes manifests', () => {
  it('deploy the API and the projector', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(['ledger-api', 'ledger-projector']);
  });

  it.each(['ledger-api', 'ledger-projector'])(
    '%s: probes, resources, a non-root read-only container, variables the schema knows',
    (name) => {
      const deployment = deployments.find((d) => d.metadata.name === name);
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect(container.livenessProbe.httpGet.path).toBe('/health/live');
      expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
      const port = container.ports.find((p: any) => p.name === container.readinessProbe.httpGet.port);
      expect(port).toBeDefined();
      expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      for (const variable of container.env.map((e: any) => e.name))
        expect(Object.keys(configSchema.shape)).toContain(variable);
      // The command's file is what the image builds.
      expect(existsSync(join(ROOT, container.command.at(-1)))).toBe(true);
      // A disruption budget for the same pods.
      const pdb = manifests.find(
        (m) =>
          m.kind === 'PodDisruptionBudget' &&
          m.spec.selector.matchLabels.app === deployment.spec.selector.matchLabels.app,
      );
      expect(pdb).toBeDefined();
      expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    },
  );

  it.each(['ledger-api', 'ledger-projector'])(
    '%s: production with the city’s pack mounted from a ConfigMap where LEDGER_POLICY_DIR looks',
    (name) => {
      const deployment = deployments.find((d) => d.metadata.name === name);
      const container = containerOf(name);
      const env = envOf(container);
      expect(env.NODE_ENV).toBe('production');
      expect(env.LEDGER_TODAY).toBeUndefined();
      const mount = container.volumeMounts.find(
        (m: any) => m.mountPath === `${env.LEDGER_POLICY_DIR}/${env.LEDGER_JURISDICTION}`,
      );
      expect(mount).toBeDefined();
      const volume = deployment.spec.template.spec.volumes.find((v: any) => v.name === mount.name);
      expect(volume.configMap.name).toBe('ledger-policy');
    },
  );

  it.each(['ledger-api', 'ledger-projector'])(
    '%s: its keys from the Secret ledger-keys, mounted where the key variables point, readable by the pod’s group only',
    (name) => {
      const deployment = deployments.find((d) => d.metadata.name === name);
      const pod = deployment.spec.template.spec;
      const env = envOf(containerOf(name));
      const mount = containerOf(name).volumeMounts.find((m: any) => m.name === 'keys');
      expect(pod.volumes.find((v: any) => v.name === 'keys').secret).toEqual({ secretName: 'ledger-keys', defaultMode: 0o440 });
      expect(pod.securityContext.fsGroup).toBe(pod.securityContext.runAsGroup);
      for (const variable of ['LEDGER_PRIVACY_MASTER_KEY_FILE', 'LEDGER_PRIVACY_INDEX_KEY_FILE', 'LEDGER_AUDIT_KEY_FILE'])
        expect(env[variable].startsWith(`${mount.mountPath}/`)).toBe(true);
      expect(mount.readOnly).toBe(true);
    },
  );

  it('runs the migrations as a Job, with the CLI the image builds', () => {
    const jobs = manifests.filter((m) => m.kind === 'Job');
    expect(jobs.map((j) => j.metadata.name)).toEqual(['ledger-migrate']);
    const pod = jobs[0].spec.template.spec;
    const container = pod.containers[0];
    expect(container.command.slice(-3)).toEqual(['dist/apps/cli/src/main.js', 'store', 'migrate']);
    expect(existsSync(join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'))).toBe(true);
    expect(pod.restartPolicy).toBe('Never');
    expect(jobs[0].spec.backoffLimit).toBeGreaterThan(0);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(envOf(container).DATABASE_URL).toEqual(envOf(containerOf('ledger-api')).DATABASE_URL);
  });

  it('runs no projection in the API pods, and the projector’s probes on its own port', () => {
    expect(envOf(containerOf('ledger-api')).LEDGER_PROJECTOR).toBe('off');
    expect(configSchema.shape.LEDGER_PROJECTOR.parse('off')).toBe(false);
    const projector = containerOf('ledger-projector');
    const port = projector.ports.find((p: any) => p.name === projector.readinessProbe.httpGet.port).containerPort;
    expect(envOf(projector).LEDGER_PROJECTOR_HEALTH_PORT).toBe(String(port));
  });

  it('serves the API through a Service on its named port', () => {
    const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'ledger-api');
    expect(service.spec.selector).toEqual({ app: 'ledger-api' });
    expect(containerOf('ledger-api').ports.map((p: any) => p.name)).toContain(service.spec.ports[0].targetPort);
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');

  it('builds in two stages on the Node line .nvmrc names, and runs as a non-root user', () => {
    const nvmrc = readFileSync(join(ROOT, '.nvmrc'), 'utf8').trim();
    expect(dockerfile).toMatch(new RegExp(`^ARG NODE_VERSION=${nvmrc}$`, 'm'));
    expect(dockerfile.match(/^FROM node:\$\{NODE_VERSION\}/gm)).toHaveLength(2);
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1];
    expect(user).toBeDefined();
    expect(user!.split(':')[0]).not.toMatch(/^(0|root)$/);
  });

  it('starts the file the manifests start, which the build produces', () => {
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd).toEqual(containerOf('ledger-api').command);
    expect(existsSync(join(ROOT, cmd.at(-1)!))).toBe(true);
  });

  it('builds the counter console and ships its build where the API serves it from', () => {
    expect(dockerfile).toMatch(/^RUN npm run build && npm run build:console && npm prune --omit=dev$/m);
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/apps\/console\/dist \.\/apps\/console\/dist$/m);
    expect(existsSync(join(ROOT, 'apps', 'console', 'dist', 'index.html'))).toBe(true);
  });
});
