// Checks a rendering of the chart with prometheusRule and grafanaDashboard enabled
// (helm/session-broker/ci/monitoring-values.yaml) against the files they come from: the
// PrometheusRule's groups are files/alerts.yaml, with runbookBaseUrl before every
// runbook_url and ruleLabels on every alert (the alert's own labels winning); the ConfigMap
// labelled for the Grafana sidecar holds files/dashboard.json, which parses as JSON.
// helm/ci-check.sh runs it from its validator directory (for the yaml package).
//
//   node check-monitoring.mjs CHART_DIR rendered.yaml
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse, parseAllDocuments } from "yaml";

const [chart, renderedFile] = process.argv.slice(2);
const values = parse(readFileSync(join(chart, "ci/monitoring-values.yaml"), "utf8"));
const manifests = parseAllDocuments(readFileSync(renderedFile, "utf8")).map((d) => d.toJS()).filter(Boolean);
const failures = [];

const rules = manifests.filter((m) => m.kind === "PrometheusRule");
const expected = parse(readFileSync(join(chart, "files/alerts.yaml"), "utf8"));
for (const group of expected.groups) {
  for (const rule of group.rules) {
    rule.labels = { ...values.prometheusRule.ruleLabels, ...rule.labels };
    if (rule.annotations?.runbook_url) {
      rule.annotations.runbook_url = values.prometheusRule.runbookBaseUrl + rule.annotations.runbook_url;
    }
  }
}
if (rules.length !== 1) {
  failures.push(`expected one PrometheusRule, found ${rules.length}`);
} else if (!isDeepStrictEqual(rules[0].spec, expected)) {
  failures.push("the PrometheusRule's spec is not files/alerts.yaml with runbookBaseUrl and ruleLabels");
} else {
  for (const [key, value] of Object.entries(values.prometheusRule.labels)) {
    if (rules[0].metadata.labels[key] !== value) failures.push(`PrometheusRule without label ${key}=${value}`);
  }
}

const dashboards = manifests.filter((m) => m.kind === "ConfigMap" && m.metadata.labels?.grafana_dashboard === "1");
let fromFile;
try {
  fromFile = JSON.parse(readFileSync(join(chart, "files/dashboard.json"), "utf8"));
} catch (error) {
  failures.push(`files/dashboard.json is not JSON: ${error.message}`);
}
if (dashboards.length !== 1) {
  failures.push(`expected one ConfigMap labelled grafana_dashboard: "1", found ${dashboards.length}`);
} else {
  const data = Object.values(dashboards[0].data ?? {});
  let rendered;
  try {
    rendered = data.length === 1 ? JSON.parse(data[0]) : undefined;
  } catch (error) {
    failures.push(`the dashboard ConfigMap does not hold JSON: ${error.message}`);
  }
  if (fromFile && !isDeepStrictEqual(rendered, fromFile)) {
    failures.push("the dashboard ConfigMap does not hold files/dashboard.json");
  }
}

if (failures.length > 0) {
  console.error(failures.join("\n"));
  process.exit(1);
}
const alerts = expected.groups.flatMap((g) => g.rules).length;
console.log(`  PrometheusRule: the ${alerts} alerts of files/alerts.yaml; dashboard ConfigMap: files/dashboard.json`);
