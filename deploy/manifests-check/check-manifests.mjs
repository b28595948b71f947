// Checks the deployment files offline, as part of `mvn verify` (this module's pom.xml), without a
// cluster or a Docker engine:
//
// - every YAML document under deploy/kubernetes and in the kustomize components it includes
//   (deploy/observability) parses, is a kind this project uses, and is valid against that kind's
//   schema (the kubernetes-models validators; prometheus-operator's kinds from its own package of
//   them), with no field the schema does not know (a misspelt `livenesProbe` would otherwise pass:
//   the API server of a cluster drops or refuses it only at apply time);
// - what the schemas cannot see: each service's Deployment has its probes, limits and non-root,
//   read-only settings; Services, autoscalers, disruption budgets and the Ingress point at
//   things that exist; every chat service is scraped by a PodMonitor on the port and under the
//   path its health probes use; kustomization.yaml and each component list every file, and every
//   ConfigMap or Secret key a pod reads exists in the file it is generated from;
// - the compose file is valid for docker-compose (`config -q`).
//
// Before any of that it feeds itself broken documents and stops if it fails to refuse them, so
// that a check that cannot fail never passes silently.
//
// Usage: node check-manifests.mjs [repository root]   (default: two folders up from this file)

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."));
const kubernetesDir = join(root, "deploy", "kubernetes");
const composeFile = join(root, "deploy", "compose", "compose.yaml");

// The chat's own services: their Deployments must carry the probes and the other rules below.
const SERVICES = ["conversation-service", "message-service", "attachment-service", "realtime-service", "gateway"];
const HEALTH = { liveness: "/actuator/health/liveness", readiness: "/actuator/health/readiness" };

// --- Kubernetes schemas --------------------------------------------------------------------------

const models = new Map();

/** The kubernetes-models class of apiVersion/kind, or null for a kind it does not have. */
async function modelOf(apiVersion, kind) {
    const key = `${apiVersion}/${kind}`;
    if (!models.has(key)) {
        // prometheus-operator's custom resources come in a package of their own, built alike
        const from = apiVersion.startsWith("monitoring.coreos.com/") ? "@kubernetes-models/prometheus-operator" : "kubernetes-models";
        try {
            const module = await import(`${from}/${apiVersion}/${kind}`);
            models.set(key, module[kind] ?? null);
        } catch {
            models.set(key, null);
        }
    }
    return models.get(key);
}

/** ajv names a property by a JSON pointer, whose "/" and "~" are escaped. */
function pointer(path) {
    return path.map((part) => "/" + String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

function schemaErrors(Model, document) {
    try {
        new Model(document).validate();
        return [];
    } catch (e) {
        return e.errors ?? [{ instancePath: "", message: e.message }];
    }
}

// A value no schema type admits (not an object, array, string, number or boolean).
const PROBE = () => {};

/**
 * The fields the schema does not know. The validators ignore unknown properties, as the
 * Kubernetes OpenAPI schemas allow them; so each property in turn is replaced by a value of no
 * JSON type: a property the schema knows is then refused at its own path, an unknown one is not.
 * Maps (labels, annotations, ConfigMap data) have a schema for any key, so their keys count as known.
 */
function unknownFields(Model, document) {
    const unknown = [];
    const visit = (value, path) => {
        if (Array.isArray(value)) {
            value.forEach((item, index) => visit(item, [...path, index]));
        } else if (value !== null && typeof value === "object") {
            for (const key of Object.keys(value)) {
                const here = [...path, key];
                const probe = structuredClone(document);
                let parent = probe;
                for (const part of path) parent = parent[part];
                parent[key] = PROBE;
                const at = pointer(here);
                const refused = schemaErrors(Model, probe).some(
                    (e) => e.instancePath === at || e.instancePath.startsWith(at + "/"),
                );
                if (refused) {
                    visit(value[key], here);
                } else {
                    unknown.push(at);
                }
            }
        }
    };
    visit(document, []);
    return unknown;
}

/** Schema errors and unknown fields of one object, as messages. */
async function kubernetesProblems(object) {
    const { apiVersion, kind } = object ?? {};
    if (typeof apiVersion !== "string" || typeof kind !== "string") {
        return ["no apiVersion or kind"];
    }
    const Model = await modelOf(apiVersion, kind);
    if (!Model) {
        return [`${apiVersion} ${kind} is not a Kubernetes kind known to the schemas`];
    }
    const errors = schemaErrors(Model, object);
    if (errors.length > 0) {
        return errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
    }
    return unknownFields(Model, object).map((at) => `${at}: field unknown to ${apiVersion} ${kind}`);
}

// --- Rules the schemas cannot express ------------------------------------------------------------

function podSpecOf(object) {
    if (object.kind === "Deployment" || object.kind === "Job") return object.spec?.template?.spec;
    return undefined;
}

/** Non-root, read-only, limited: every pod of this folder. Probes: the chat services' pods. */
function podRules(object) {
    const pod = podSpecOf(object);
    if (!pod) return [];
    const problems = [];
    if (pod.securityContext?.runAsNonRoot !== true) problems.push("pod securityContext.runAsNonRoot is not true");
    const tmpVolumes = new Set((pod.volumes ?? []).filter((v) => v.emptyDir).map((v) => v.name));
    for (const container of pod.containers ?? []) {
        const where = `container ${container.name}`;
        const security = container.securityContext ?? {};
        if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: readOnlyRootFilesystem is not true`);
        if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation is not false`);
        for (const part of ["requests", "limits"]) {
            for (const resource of ["cpu", "memory"]) {
                if (container.resources?.[part]?.[resource] === undefined) {
                    problems.push(`${where}: no resources.${part}.${resource}`);
                }
            }
        }
        const tmp = (container.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
        if (!tmp || !tmpVolumes.has(tmp.name)) problems.push(`${where}: /tmp is not an emptyDir (the root filesystem is read-only)`);
        if (object.kind === "Deployment" && SERVICES.includes(object.metadata?.name)) {
            const expected = {
                startupProbe: HEALTH.liveness,
                livenessProbe: HEALTH.liveness,
                readinessProbe: HEALTH.readiness,
            };
            for (const [probe, path] of Object.entries(expected)) {
                if (container[probe]?.httpGet?.path !== path) problems.push(`${where}: ${probe} is not an httpGet of ${path}`);
            }
        }
    }
    return problems;
}

function matches(selector, labels) {
    return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

/** A label selector with matchLabels and matchExpressions, as PodMonitors have. */
function selects(selector, labels) {
    return (
        matches(selector?.matchLabels, labels) &&
        (selector?.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
            const has = labels?.[key] !== undefined;
            if (operator === "In") return has && values.includes(labels[key]);
            if (operator === "NotIn") return !has || !values.includes(labels[key]);
            if (operator === "Exists") return has;
            if (operator === "DoesNotExist") return !has;
            return false;
        })
    );
}

/**
 * A PodMonitor scrapes each pod it selects on a named port; /actuator is served where the pod's
 * readiness probe asks (the gateway's public port serves none), so the two must agree. Once any
 * PodMonitor exists, every chat service must be scraped by one.
 */
function podMonitorProblems(podMonitors, deployments, podLabels) {
    const problems = [];
    const scraped = new Set();
    for (const m of podMonitors) {
        const selected = deployments.filter((d) => selects(m.object.spec?.selector, podLabels(d)));
        if (selected.length === 0) problems.push(`${m.where}: selector matches no Deployment`);
        for (const endpoint of m.object.spec?.podMetricsEndpoints ?? []) {
            if (!endpoint.path?.startsWith("/actuator/")) problems.push(`${m.where}: path ${endpoint.path} is not under /actuator/`);
            for (const d of selected) {
                const name = d.object.metadata?.name;
                const containers = podSpecOf(d.object)?.containers ?? [];
                const container = containers.find((c) => (c.ports ?? []).some((p) => p.name === endpoint.port));
                if (!container) {
                    problems.push(`${m.where}: port ${endpoint.port} is not a port of ${name}`);
                } else if (container.readinessProbe?.httpGet?.port !== endpoint.port) {
                    problems.push(`${m.where}: ${name} serves /actuator on ${container.readinessProbe?.httpGet?.port}, not on ${endpoint.port}`);
                } else {
                    scraped.add(name);
                }
            }
        }
    }
    if (podMonitors.length > 0) {
        for (const name of SERVICES.filter((s) => !scraped.has(s))) problems.push(`${name}: no PodMonitor scrapes it`);
    }
    return problems;
}

/** References between the objects: selectors, scale targets, backends, ports. */
function crossReferences(objects) {
    const problems = [];
    const byKind = (kind) => objects.filter((o) => o.object.kind === kind);
    const deployments = byKind("Deployment");
    const services = byKind("Service");
    const podLabels = (d) => d.object.spec?.template?.metadata?.labels;
    const portNames = (d) =>
        new Set((podSpecOf(d.object)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => p.name)));

    for (const name of SERVICES) {
        const deployment = deployments.find((d) => d.object.metadata?.name === name);
        if (!deployment) {
            problems.push(`${name}: no Deployment`);
            continue;
        }
        for (const kind of ["Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"]) {
            if (!byKind(kind).some((o) => o.object.metadata?.name === name)) problems.push(`${name}: no ${kind}`);
        }
    }
    for (const d of deployments) {
        const selector = d.object.spec?.selector?.matchLabels;
        if (!matches(selector, podLabels(d))) problems.push(`${d.where}: selector does not match its pod labels`);
    }
    for (const s of services) {
        const target = deployments.find((d) => matches(s.object.spec?.selector, podLabels(d)));
        if (!target) {
            problems.push(`${s.where}: selector matches no Deployment`);
            continue;
        }
        for (const port of s.object.spec?.ports ?? []) {
            if (typeof port.targetPort === "string" && !portNames(target).has(port.targetPort)) {
                problems.push(`${s.where}: targetPort ${port.targetPort} is not a port of ${target.object.metadata.name}`);
            }
        }
    }
    for (const h of byKind("HorizontalPodAutoscaler")) {
        const ref = h.object.spec?.scaleTargetRef;
        if (!deployments.some((d) => ref?.kind === "Deployment" && d.object.metadata?.name === ref.name)) {
            problems.push(`${h.where}: scaleTargetRef ${ref?.kind}/${ref?.name} does not exist`);
        }
    }
    for (const p of byKind("PodDisruptionBudget")) {
        if (!deployments.some((d) => matches(p.object.spec?.selector?.matchLabels, podLabels(d)))) {
            problems.push(`${p.where}: selector matches no Deployment`);
        }
    }
    problems.push(...podMonitorProblems(byKind("PodMonitor"), deployments, podLabels));
    for (const i of byKind("Ingress")) {
        for (const rule of i.object.spec?.rules ?? []) {
            for (const path of rule.http?.paths ?? []) {
                const backend = path.backend?.service;
                const service = services.find((s) => s.object.metadata?.name === backend?.name);
                if (!service) {
                    problems.push(`${i.where}: backend service ${backend?.name} does not exist`);
                } else if (backend.port?.name && !(service.object.spec?.ports ?? []).some((p) => p.name === backend.port.name)) {
                    problems.push(`${i.where}: service ${backend.name} has no port ${backend.port.name}`);
                }
            }
        }
    }
    return problems;
}

/** KEY=value lines of a kustomize env file (comments and blank lines skipped). */
function envKeys(file) {
    return new Set(
        readFileSync(file, "utf8")
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line && !line.startsWith("#"))
            .map((line) => line.split("=")[0]),
    );
}

/**
 * Each kustomization (deploy/kubernetes and its components) against its folder: every resource
 * exists and every manifest is listed; every generator's files exist (a Secret's env file may be
 * absent, its .env.example must not); every ConfigMap or Secret a pod reads is generated, with the
 * keys it reads; every chat image has its tag set. Problems are named by kustomization file.
 */
function kustomizationProblems(folders, objects) {
    const problems = [];
    const generated = new Map(); // kind/name → keys
    for (const { dir, kustomization, yamlFiles } of folders) {
        const at = (problem) => `${relative(root, join(dir, "kustomization.yaml"))}: ${problem}`;
        const resources = kustomization.resources ?? [];
        for (const resource of resources) {
            if (!existsSync(join(dir, resource))) problems.push(at(`resource ${resource} does not exist`));
        }
        for (const file of yamlFiles) {
            if (!resources.includes(file)) problems.push(at(`${file} is not listed in resources`));
        }
        for (const [kind, generators] of [
            ["ConfigMap", kustomization.configMapGenerator ?? []],
            ["Secret", kustomization.secretGenerator ?? []],
        ]) {
            for (const generator of generators) {
                const keys = new Set();
                for (const env of generator.envs ?? []) {
                    let file = join(dir, env);
                    if (!existsSync(file) && kind === "Secret" && existsSync(file + ".example")) file += ".example";
                    if (!existsSync(file)) {
                        problems.push(at(`${kind} ${generator.name}: ${env} does not exist`));
                        continue;
                    }
                    for (const key of envKeys(file)) keys.add(key);
                }
                for (const entry of generator.files ?? []) {
                    const [key, path] = entry.includes("=") ? entry.split("=") : [basename(entry), entry];
                    if (!existsSync(join(dir, path))) problems.push(at(`${kind} ${generator.name}: ${path} does not exist`));
                    keys.add(key);
                }
                generated.set(`${kind}/${generator.name}`, keys);
            }
        }
    }
    const base = folders[0];
    const at = (problem) => `${relative(root, join(base.dir, "kustomization.yaml"))}: ${problem}`;
    const need = (where, kind, name, key) => {
        const keys = generated.get(`${kind}/${name}`);
        if (!keys) problems.push(at(`${where}: ${kind} ${name} is not generated by kustomization.yaml`));
        else if (key !== undefined && !keys.has(key)) problems.push(at(`${where}: ${kind} ${name} has no key ${key}`));
    };
    const tagged = new Set((base.kustomization.images ?? []).map((image) => image.name));
    for (const { object, where } of objects) {
        const pod = podSpecOf(object);
        if (!pod) continue;
        for (const container of pod.containers ?? []) {
            for (const source of container.envFrom ?? []) {
                if (source.configMapRef) need(where, "ConfigMap", source.configMapRef.name);
                if (source.secretRef) need(where, "Secret", source.secretRef.name);
            }
            for (const variable of container.env ?? []) {
                const ref = variable.valueFrom;
                if (ref?.configMapKeyRef) need(where, "ConfigMap", ref.configMapKeyRef.name, ref.configMapKeyRef.key);
                if (ref?.secretKeyRef) need(where, "Secret", ref.secretKeyRef.name, ref.secretKeyRef.key);
            }
            const image = container.image.split(":")[0];
            if (image.startsWith("chat/") && !tagged.has(image)) problems.push(at(`${where}: image ${image} has no tag in kustomization.yaml`));
        }
        for (const volume of pod.volumes ?? []) {
            if (volume.configMap) need(where, "ConfigMap", volume.configMap.name);
            if (volume.secret) need(where, "Secret", volume.secret.secretName);
        }
    }
    return problems;
}

// --- Files ---------------------------------------------------------------------------------------

/** Every document of a YAML text, or the parser's complaints (duplicate keys included). */
function parseYaml(text) {
    const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
    const list = Array.isArray(documents) ? documents : [documents];
    const problems = list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
    return { problems, values: problems.length ? [] : list.map((d) => d.toJS()).filter((v) => v !== null) };
}

/**
 * The manifests of one kustomization folder (its .yaml files but kustomization.yaml), each object
 * checked on its own; objects are named by their file's path from the repository root.
 */
async function readFolder(dir) {
    const problems = [];
    const objects = [];
    const yamlFiles = readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f) && f !== "kustomization.yaml")
        .sort();
    for (const file of yamlFiles) {
        const path = relative(root, join(dir, file));
        const parsed = parseYaml(readFileSync(join(dir, file), "utf8"));
        problems.push(...parsed.problems.map((p) => `${path}: ${p}`));
        for (const [index, object] of parsed.values.entries()) {
            const where = `${path} #${index + 1} ${object?.kind ?? "?"} ${object?.metadata?.name ?? ""}`.trim();
            const found = [...(await kubernetesProblems(object)), ...podRules(object)];
            problems.push(...found.map((p) => `${where}: ${p}`));
            objects.push({ object, where });
        }
    }
    return { problems, objects, yamlFiles };
}

/** deploy/kubernetes and the kustomize components its kustomization.yaml includes. */
async function checkKubernetes() {
    const problems = [];
    const objects = [];
    const folders = [];
    const read = async (dir, expectedKind) => {
        const file = join(dir, "kustomization.yaml");
        if (!existsSync(file)) {
            problems.push(`${relative(root, dir)}: no kustomization.yaml`);
            return undefined;
        }
        const kustomization = parseYaml(readFileSync(file, "utf8"));
        problems.push(...kustomization.problems.map((p) => `${relative(root, file)}: ${p}`));
        if (kustomization.values.length !== 1) return undefined;
        const value = kustomization.values[0];
        if (expectedKind === "Component" && (value.kind !== "Component" || value.apiVersion !== "kustomize.config.k8s.io/v1alpha1")) {
            problems.push(`${relative(root, file)}: not a kustomize.config.k8s.io/v1alpha1 Component`);
        }
        const folder = await readFolder(dir);
        problems.push(...folder.problems);
        objects.push(...folder.objects);
        folders.push({ dir, kustomization: value, yamlFiles: folder.yamlFiles });
        return value;
    };
    const base = await read(kubernetesDir, "Kustomization");
    for (const component of base?.components ?? []) {
        await read(resolve(kubernetesDir, component), "Component");
    }
    problems.push(...crossReferences(objects));
    if (base) problems.push(...kustomizationProblems(folders, objects));
    return { problems, count: objects.length, files: folders.reduce((n, f) => n + f.yamlFiles.length, 0) };
}

const COMPOSE_MISSING =
    "docker-compose is not installed: it checks the compose file without a Docker engine. " +
    "Install Debian's package docker-compose (apt-get install docker-compose), " +
    "or skip this module with -Dmanifests.skip";

/** `docker-compose config -q`: its own schema, interpolation, references between services. */
function composeProblems(file) {
    const run = spawnSync("docker-compose", ["-f", file, "config", "-q"], { encoding: "utf8" });
    if (run.error?.code === "ENOENT") return [COMPOSE_MISSING];
    if (run.error) return [`docker-compose could not run: ${run.error.message}`];
    return run.status === 0 ? [] : [(run.stderr || run.stdout).trim() || `docker-compose exited with ${run.status}`];
}

// --- The check of the check ----------------------------------------------------------------------

const BROKEN = [
    ["replicas as a string", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
        spec: { replicas: "two", selector: { matchLabels: { a: "b" } },
            template: { metadata: { labels: { a: "b" } }, spec: { containers: [{ name: "x", image: "x" }] } } } }],
    ["a misspelt field", { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
        spec: { selector: { matchLabels: { a: "b" } },
            template: { metadata: { labels: { a: "b" } },
                spec: { containers: [{ name: "x", image: "x", livenesProbe: { httpGet: { path: "/", port: 80 } } }] } } } }],
    ["a Service port without its number", { apiVersion: "v1", kind: "Service", metadata: { name: "x" },
        spec: { ports: [{ name: "http" }] } }],
    ["an unknown kind", { apiVersion: "apps/v1", kind: "Deploymnet", metadata: { name: "x" } }],
    ["a PodMonitor with a misspelt field", { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: "x" },
        spec: { selector: { matchLabels: { a: "b" } }, podMetricsEndpoints: [{ port: "http", pathh: "/actuator/prometheus" }] } }],
    ["an alert rule whose for is not a duration", { apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "x" },
        spec: { groups: [{ name: "g", rules: [{ alert: "A", expr: "up == 0", for: "five minutes" }] }] } }],
];

async function selfTest() {
    const failures = [];
    const valid = { apiVersion: "v1", kind: "Service", metadata: { name: "x", labels: { "app.kubernetes.io/name": "x" } },
        spec: { selector: { a: "b" }, ports: [{ name: "http", port: 80, targetPort: "http" }] } };
    const validProblems = await kubernetesProblems(valid);
    if (validProblems.length > 0) failures.push(`a valid Service was refused: ${validProblems.join("; ")}`);
    for (const [what, object] of BROKEN) {
        if ((await kubernetesProblems(object)).length === 0) failures.push(`a document with ${what} was accepted`);
    }
    // the gateway serves /actuator on its management port only: a PodMonitor on its public one is refused
    const gateway = { where: "gateway", object: { kind: "Deployment", metadata: { name: "gateway" }, spec: { template: {
        metadata: { labels: { app: "gateway" } },
        spec: { containers: [{ name: "gateway", ports: [{ name: "http" }, { name: "management" }],
            readinessProbe: { httpGet: { path: HEALTH.readiness, port: "management" } } }] } } } } };
    const podMonitor = (port) => ({ where: "monitor", object: { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor",
        metadata: { name: "gateway" }, spec: { selector: { matchExpressions: [{ key: "app", operator: "In", values: ["gateway"] }] },
            podMetricsEndpoints: [{ port, path: "/actuator/prometheus" }] } } });
    const labelsOf = (d) => d.object.spec.template.metadata.labels;
    const right = [...(await kubernetesProblems(podMonitor("management").object)),
        ...podMonitorProblems([podMonitor("management")], [gateway], labelsOf).filter((p) => p.includes("monitor"))];
    if (right.length > 0) failures.push(`a valid PodMonitor was refused: ${right.join("; ")}`);
    if (podMonitorProblems([podMonitor("http")], [gateway], labelsOf).filter((p) => p.includes("monitor")).length === 0) {
        failures.push("a PodMonitor on a port without /actuator was accepted");
    }
    const dir = mkdtempSync(join(tmpdir(), "chat-manifests-"));
    try {
        const broken = join(dir, "compose.yaml");
        writeFileSync(broken, "services:\n  x:\n    image: x\n    depends_on:\n      y:\n        condition: service_healthy\n");
        if (composeProblems(broken).length === 0) failures.push("a compose file depending on a missing service was accepted");
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
    return failures;
}

// --- Main ----------------------------------------------------------------------------------------

if (spawnSync("docker-compose", ["version"]).error?.code === "ENOENT") {
    console.error(COMPOSE_MISSING);
    process.exit(1);
}

const selfTestFailures = await selfTest();
if (selfTestFailures.length > 0) {
    console.error("The manifest check cannot be trusted:");
    for (const failure of selfTestFailures) console.error(`  - ${failure}`);
    process.exit(1);
}

const kubernetes = await checkKubernetes();
const compose = composeProblems(composeFile);
const report = [
    ...kubernetes.problems,
    ...compose.map((p) => `${relative(root, composeFile)}: ${p}`),
];
if (report.length > 0) {
    console.error(`Deployment files are invalid (${report.length} problems):`);
    for (const problem of report) console.error(`  - ${problem}`);
    process.exit(1);
}
console.log(
    `deploy/kubernetes with its components: ${kubernetes.count} objects in ${kubernetes.files} files valid; ` +
        `${relative(root, composeFile)} valid (self-test: ${BROKEN.length + 2} broken inputs refused)`,
);
