// Checks the Grafana dashboard and the Prometheus alert rules of deploy/observability offline, as
// part of `mvn verify` (this module's pom.xml), with no Prometheus or Grafana:
//
// - both files parse (no duplicate keys); every query is valid PromQL for Prometheus's own
//   grammar (@prometheus-io/lezer-promql), gives range vectors only to functions that take them,
//   applies rate() and increase() to counters only, and keeps `le` in what it hands to
//   histogram_quantile();
// - every dashboard panel has the ${DS_PROMETHEUS} datasource and a query, every variable a query
//   uses is defined; every alert rule has its `for`, a severity, a summary, a description and a
//   runbook_url whose section exists in docs/operations.md;
// - every metric the queries name is in exported-metrics.txt, and every name there is queried.
//   That list is what ties the queries to the services: DashboardMetricsSystemTests scrapes the
//   running stack and fails unless each name on it is exported.
//
// Before any of that it feeds itself broken queries, panels and rules and stops if it accepts one.
//
// Usage: node check-observability.mjs [repository root]   (default: two folders up from this file)

import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parser } from "@prometheus-io/lezer-promql";
import { parseAllDocuments } from "yaml";

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."));
const observabilityDir = join(root, "deploy", "observability");
const dashboardFile = join(observabilityDir, "chat-dashboard.json");
const rulesFile = join(observabilityDir, "chat-alerts.yaml");
const metricsFile = join(observabilityDir, "exported-metrics.txt");
const operationsFile = join(root, "docs", "operations.md");

const DATASOURCE = "${DS_PROMETHEUS}";
const SEVERITIES = new Set(["critical", "warning", "info"]);
const DURATION = /^(0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$/;
/** Series Prometheus makes itself for each target: no service exports them. */
const PROMETHEUS_SERIES = new Set(["up"]);
/** Grafana's own interval variables: a range in a query, stood in for by 5m when parsing. */
const GRAFANA_RANGES = ["__rate_interval", "__interval", "__range"];
const RANGE_FUNCTIONS = new Set([
    "rate", "irate", "increase", "delta", "idelta", "deriv", "changes", "resets", "predict_linear",
    "holt_winters", "double_exponential_smoothing", "avg_over_time", "min_over_time", "max_over_time",
    "sum_over_time", "count_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time",
    "last_over_time", "present_over_time", "absent_over_time", "mad_over_time",
]);
const COUNTER_FUNCTIONS = new Set(["rate", "irate", "increase", "resets"]);
const COUNTER_SUFFIX = /_(total|count|sum|bucket)$/;

// --- PromQL --------------------------------------------------------------------------------------

/** Named children of a lezer node. */
function children(node) {
    const list = [];
    for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
    return list;
}

/** Parentheses, offsets and @ do not change what kind of value an expression is. */
function unwrap(node) {
    let n = node;
    while (n && ["ParenExpr", "OffsetExpr", "StepInvariantExpr"].includes(n.name)) n = n.firstChild;
    return n;
}

function metricNamesUnder(node, text) {
    const names = [];
    const cursor = node.cursor();
    do {
        if (cursor.name === "VectorSelector") {
            const id = cursor.node.getChild("Identifier");
            if (id) names.push(text.slice(id.from, id.to));
        }
    } while (cursor.next() && cursor.from < node.to);
    return names;
}

/**
 * The problems of one PromQL expression and the metric names it selects. `variables` are the
 * dashboard's variables a query may use (`$name` or `${name}`); rules may use none.
 */
function promql(expression, variables = new Set()) {
    const problems = [];
    if (typeof expression !== "string" || expression.trim() === "") return { problems: ["no expression"], metrics: [] };
    for (const match of expression.matchAll(/\$\{?(\w+)(?::\w+)?\}?/g)) {
        if (!GRAFANA_RANGES.includes(match[1]) && !variables.has(match[1])) problems.push(`variable $${match[1]} is not defined`);
    }
    const text = expression.replace(/\$\{?(__rate_interval|__interval|__range)\}?/g, (m) => "5m".padEnd(m.length));
    const tree = parser.parse(text);
    let error;
    tree.iterate({ enter: (ref) => !(error ??= ref.type.isError ? ref.from : undefined) });
    if (error !== undefined) {
        problems.push(`syntax error at ${error + 1}: ${JSON.stringify(text.slice(error, error + 20) || "end")}`);
        return { problems, metrics: [] };
    }
    const metrics = [];
    tree.iterate({
        enter(ref) {
            const node = ref.node;
            if (ref.name === "VectorSelector") {
                const id = node.getChild("Identifier");
                if (id) metrics.push(text.slice(id.from, id.to));
                else problems.push(`selector without a metric name: ${text.slice(ref.from, ref.to)}`);
            }
            if (ref.name === "MatrixSelector" || ref.name === "SubqueryExpr") {
                let up = node.parent;
                while (up && ["ParenExpr", "OffsetExpr", "StepInvariantExpr"].includes(up.name)) up = up.parent;
                const fn = up?.name === "FunctionCallBody" && up.parent?.name === "FunctionCall"
                    ? text.slice(up.parent.firstChild.from, up.parent.firstChild.to) : null;
                if (!fn || !RANGE_FUNCTIONS.has(fn)) {
                    problems.push(`range vector ${text.slice(ref.from, ref.to)} where an instant vector is needed`);
                }
            }
            if (ref.name === "FunctionCall") {
                const name = text.slice(node.firstChild.from, node.firstChild.to);
                const args = children(node.getChild("FunctionCallBody") ?? node).map(unwrap);
                if (RANGE_FUNCTIONS.has(name)) {
                    const range = args.find((a) => a && (a.name === "MatrixSelector" || a.name === "SubqueryExpr"));
                    if (!range) problems.push(`${name}() needs a range vector: ${text.slice(ref.from, ref.to)}`);
                    if (COUNTER_FUNCTIONS.has(name)) {
                        for (const metric of metricNamesUnder(node, text)) {
                            if (!COUNTER_SUFFIX.test(metric)) problems.push(`${name}() of ${metric}, which is not a counter`);
                        }
                    }
                }
                if (name === "histogram_quantile") {
                    const histogram = args[1];
                    for (const metric of histogram ? metricNamesUnder(histogram, text) : []) {
                        if (!metric.endsWith("_bucket")) problems.push(`histogram_quantile() of ${metric}, which is no histogram bucket`);
                    }
                    if (histogram?.name === "AggregateExpr") {
                        const modifier = histogram.getChild("AggregateModifier");
                        const labels = modifier
                            ? children(modifier.getChild("GroupingLabels")).map((l) => text.slice(l.from, l.to))
                            : [];
                        const by = modifier?.firstChild?.name === "By";
                        if (by ? !labels.includes("le") : !modifier || labels.includes("le")) {
                            problems.push("histogram_quantile() of an aggregation that drops le");
                        }
                    }
                }
            }
        },
    });
    return { problems, metrics };
}

// --- Dashboard -----------------------------------------------------------------------------------

function panelsOf(dashboard) {
    return (dashboard.panels ?? []).flatMap((p) => [p, ...(p.type === "row" ? p.panels ?? [] : [])]);
}

/** label_values(<selector>, <label>): the selector is PromQL. */
function variableQuery(variable) {
    const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
    const match = /^\s*label_values\((.*),\s*([A-Za-z_]\w*)\s*\)\s*$/s.exec(query ?? "");
    return match ? { selector: match[1] } : { problem: `query ${JSON.stringify(query)} is not label_values(<selector>, <label>)` };
}

function dashboardProblems(dashboard) {
    const problems = [];
    const metrics = [];
    const variables = dashboard?.templating?.list ?? [];
    const names = new Set(variables.map((v) => v.name));
    if (!dashboard?.uid || !dashboard?.title) problems.push("no uid or title");
    if (!variables.some((v) => v.name === "DS_PROMETHEUS" && v.type === "datasource" && v.query === "prometheus")) {
        problems.push("no datasource variable DS_PROMETHEUS of type prometheus");
    }
    for (const variable of variables.filter((v) => v.type === "query")) {
        const where = `variable ${variable.name}`;
        if (variable.datasource?.uid !== DATASOURCE) problems.push(`${where}: datasource is not ${DATASOURCE}`);
        const { selector, problem } = variableQuery(variable);
        if (problem) {
            problems.push(`${where}: ${problem}`);
            continue;
        }
        const checked = promql(selector, names);
        problems.push(...checked.problems.map((p) => `${where}: ${p}`));
        metrics.push(...checked.metrics);
    }
    const ids = new Set();
    for (const panel of panelsOf(dashboard)) {
        const where = `panel ${panel.id} "${panel.title ?? ""}"`;
        if (typeof panel.id !== "number" || ids.has(panel.id)) problems.push(`${where}: id missing or not unique`);
        ids.add(panel.id);
        const g = panel.gridPos ?? {};
        if (![g.h, g.w, g.x, g.y].every(Number.isInteger) || g.x + g.w > 24) problems.push(`${where}: gridPos is not within the 24 columns`);
        if (!panel.title) problems.push(`${where}: no title`);
        if (panel.type === "row") continue;
        if (panel.datasource?.uid !== DATASOURCE) problems.push(`${where}: datasource is not ${DATASOURCE}`);
        const targets = panel.targets ?? [];
        if (targets.length === 0) problems.push(`${where}: no query`);
        const refIds = new Set();
        for (const target of targets) {
            if (!target.refId || refIds.has(target.refId)) problems.push(`${where}: refId missing or not unique`);
            refIds.add(target.refId);
            if (target.datasource && target.datasource.uid !== DATASOURCE) problems.push(`${where} ${target.refId}: datasource is not ${DATASOURCE}`);
            const checked = promql(target.expr, names);
            problems.push(...checked.problems.map((p) => `${where} ${target.refId}: ${p}`));
            metrics.push(...checked.metrics);
        }
    }
    return { problems, metrics };
}

// --- Alert rules ---------------------------------------------------------------------------------

/** The anchors GitHub gives the headings of a Markdown file. */
function anchorsOf(markdown) {
    return new Set(
        markdown
            .split("\n")
            .filter((line) => /^#{1,6} /.test(line))
            .map((line) => line.replace(/^#+ /, "").trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replaceAll(" ", "-")),
    );
}

function rulesProblems(document, anchors) {
    const problems = [];
    const metrics = [];
    if (document?.apiVersion !== "monitoring.coreos.com/v1" || document?.kind !== "PrometheusRule") {
        problems.push("not a monitoring.coreos.com/v1 PrometheusRule");
    }
    const groups = document?.spec?.groups ?? [];
    if (groups.length === 0) problems.push("no rule groups");
    const alerts = new Set();
    const groupNames = new Set();
    for (const group of groups) {
        if (!group.name || groupNames.has(group.name)) problems.push(`group ${group.name}: name missing or not unique`);
        groupNames.add(group.name);
        for (const rule of group.rules ?? []) {
            const where = `${group.name}/${rule.alert ?? rule.record ?? "?"}`;
            if (rule.record !== undefined) {
                problems.push(`${where}: recording rules are not expected here`);
                continue;
            }
            if (!/^[A-Z][A-Za-z0-9]*$/.test(rule.alert ?? "") || alerts.has(rule.alert)) problems.push(`${where}: alert name missing, not CamelCase or not unique`);
            alerts.add(rule.alert);
            const checked = promql(rule.expr);
            problems.push(...checked.problems.map((p) => `${where}: ${p}`));
            metrics.push(...checked.metrics);
            if (typeof rule.for !== "string" || !DURATION.test(rule.for)) problems.push(`${where}: no valid for`);
            if (!SEVERITIES.has(rule.labels?.severity)) problems.push(`${where}: labels.severity is not one of ${[...SEVERITIES].join(", ")}`);
            for (const annotation of ["summary", "description"]) {
                if (!rule.annotations?.[annotation]?.trim()) problems.push(`${where}: no annotations.${annotation}`);
            }
            const runbook = /^docs\/operations\.md#(.+)$/.exec(rule.annotations?.runbook_url ?? "");
            if (!runbook) problems.push(`${where}: annotations.runbook_url is not docs/operations.md#<section>`);
            else if (!anchors.has(runbook[1])) problems.push(`${where}: docs/operations.md has no section #${runbook[1]}`);
        }
    }
    return { problems, metrics };
}

// --- The list of exported metrics ----------------------------------------------------------------

function readList(text) {
    const problems = [];
    const names = new Set();
    for (const [index, raw] of text.split("\n").entries()) {
        const line = raw.trim();
        if (!line || line.startsWith("#")) continue;
        if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(line)) problems.push(`line ${index + 1}: ${JSON.stringify(line)} is not a metric name`);
        else if (names.has(line)) problems.push(`line ${index + 1}: ${line} is listed twice`);
        names.add(line);
    }
    return { problems, names };
}

/** Queried names missing from the list, and listed names no query uses. */
function listProblems(queried, listed) {
    const used = new Set([...queried].filter((m) => !PROMETHEUS_SERIES.has(m)));
    return [
        ...[...used].filter((m) => !listed.has(m)).sort().map((m) => `${m} is queried but not in exported-metrics.txt`),
        ...[...listed].filter((m) => !used.has(m)).sort().map((m) => `${m} is in exported-metrics.txt but no query uses it`),
    ];
}

// --- Files ---------------------------------------------------------------------------------------

/** One YAML (or JSON) document, refusing duplicate keys, which JSON.parse would let through. */
function parseOne(text) {
    const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
    const list = Array.isArray(documents) ? documents : [documents];
    const problems = list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => e.message));
    if (problems.length === 0 && list.length !== 1) problems.push(`${list.length} documents, expected one`);
    return { problems, value: problems.length ? undefined : list[0].toJS() };
}

// --- The check of the check ----------------------------------------------------------------------

const DS = { type: "prometheus", uid: DATASOURCE };
const panel = (expr, extra = {}) => ({ id: 2, type: "timeseries", title: "p", datasource: DS,
    gridPos: { h: 8, w: 12, x: 0, y: 1 }, targets: [{ refId: "A", expr }], ...extra });
const dashboardWith = (panels, variables = []) => ({ uid: "u", title: "t", panels: [
    { id: 1, type: "row", title: "r", gridPos: { h: 1, w: 24, x: 0, y: 0 }, panels: [] }, ...panels],
    templating: { list: [{ name: "DS_PROMETHEUS", type: "datasource", query: "prometheus" }, ...variables] } });
const rule = (changes = {}) => ({ alert: "SomethingWrong", expr: "sample_gauge > 1", for: "5m", labels: { severity: "warning" },
    annotations: { summary: "s", description: "d", runbook_url: "docs/operations.md#known" }, ...changes });
const rulesWith = (...rules) => ({ apiVersion: "monitoring.coreos.com/v1", kind: "PrometheusRule", metadata: { name: "x" },
    spec: { groups: [{ name: "g", rules }] } });
const SAMPLE_ANCHORS = new Set(["known"]);
const VALID_QUERY =
    'histogram_quantile(0.95, sum by (application, le) (rate(sample_seconds_bucket{application=~"$application"}[$__rate_interval])))';

const BROKEN = [
    ["an unbalanced parenthesis", dashboardWith([panel("sum(rate(sample_total[5m])")])],
    ["an unknown function", dashboardWith([panel("rat(sample_total[5m])")])],
    ["rate() of an instant vector", dashboardWith([panel("rate(sample_total)")])],
    ["rate() of a gauge", dashboardWith([panel("rate(sample_gauge[5m])")])],
    ["a range vector as the result", dashboardWith([panel("sample_gauge[5m]")])],
    ["histogram_quantile() without le", dashboardWith([panel("histogram_quantile(0.9, sum by (application) (rate(sample_seconds_bucket[5m])))")])],
    ["an undefined variable", dashboardWith([panel('sample_gauge{application=~"$nope"}')])],
    ["a panel without datasource", dashboardWith([panel("sample_gauge", { datasource: undefined })])],
    ["a panel without query", dashboardWith([panel("sample_gauge", { targets: [] })])],
    ["a rule without severity", rulesWith(rule({ labels: {} }))],
    ["a rule without for", rulesWith(rule({ for: undefined }))],
    ["a rule without summary", rulesWith(rule({ annotations: { description: "d", runbook_url: "docs/operations.md#known" } }))],
    ["a runbook section that does not exist", rulesWith(rule({ annotations: { summary: "s", description: "d", runbook_url: "docs/operations.md#unknown" } }))],
    ["a rule with a broken expression", rulesWith(rule({ expr: "sum by (a (sample_gauge)" }))],
];

function selfTest() {
    const failures = [];
    const check = (input) => (input.kind ? rulesProblems(input, SAMPLE_ANCHORS) : dashboardProblems(input));
    const valid = [
        dashboardWith([panel(VALID_QUERY)], [{ name: "application", type: "query", datasource: DS,
            query: { query: 'label_values(sample_gauge{namespace="chat"}, application)' } }]),
        rulesWith(rule(), rule({ alert: "SomethingElse", expr: "(sample_total unless sample_total offset 15m) or increase(sample_total[15m]) > 0" })),
    ];
    for (const input of valid) {
        const { problems } = check(input);
        if (problems.length > 0) failures.push(`a valid ${input.kind ? "rule set" : "dashboard"} was refused: ${problems.join("; ")}`);
    }
    for (const [what, input] of BROKEN) {
        if (check(input).problems.length === 0) failures.push(`${what} was accepted`);
    }
    const listed = new Set(["sample_gauge", "sample_seconds_bucket"]);
    if (listProblems(new Set(["sample_gauge", "sample_seconds_bucket", "unlisted_total"]), listed).length === 0) failures.push("a metric missing from the list was accepted");
    if (listProblems(new Set(["sample_gauge"]), listed).length === 0) failures.push("a listed metric that no query uses was accepted");
    if (listProblems(new Set(["sample_gauge", "sample_seconds_bucket", "up"]), listed).length !== 0) failures.push("Prometheus's own up was taken for a service's metric");
    return failures;
}

// --- Main ----------------------------------------------------------------------------------------

const selfTestFailures = selfTest();
if (selfTestFailures.length > 0) {
    console.error("The observability check cannot be trusted:");
    for (const failure of selfTestFailures) console.error(`  - ${failure}`);
    process.exit(1);
}

const report = [];
const where = (file) => relative(root, file);
const queried = new Set();
let panels = 0;
let rules = 0;

const dashboard = parseOne(readFileSync(dashboardFile, "utf8"));
report.push(...dashboard.problems.map((p) => `${where(dashboardFile)}: ${p}`));
if (dashboard.value) {
    const checked = dashboardProblems(dashboard.value);
    report.push(...checked.problems.map((p) => `${where(dashboardFile)}: ${p}`));
    checked.metrics.forEach((m) => queried.add(m));
    panels = panelsOf(dashboard.value).filter((p) => p.type !== "row").length;
}
const ruleSet = parseOne(readFileSync(rulesFile, "utf8"));
report.push(...ruleSet.problems.map((p) => `${where(rulesFile)}: ${p}`));
if (ruleSet.value) {
    const checked = rulesProblems(ruleSet.value, anchorsOf(readFileSync(operationsFile, "utf8")));
    report.push(...checked.problems.map((p) => `${where(rulesFile)}: ${p}`));
    checked.metrics.forEach((m) => queried.add(m));
    rules = (ruleSet.value.spec?.groups ?? []).flatMap((g) => g.rules ?? []).length;
}
const list = readList(readFileSync(metricsFile, "utf8"));
report.push(...list.problems.map((p) => `${where(metricsFile)}: ${p}`));
report.push(...listProblems(queried, list.names).map((p) => `${where(metricsFile)}: ${p}`));

if (report.length > 0) {
    console.error(`The dashboard or the alert rules are invalid (${report.length} problems):`);
    for (const problem of report) console.error(`  - ${problem}`);
    process.exit(1);
}
console.log(
    `deploy/observability: ${panels} panels and ${rules} alert rules valid, querying ${list.names.size} exported metrics ` +
        `(self-test: ${BROKEN.length + 3} broken inputs refused)`,
);
