// Writes the chart README as helm-docs does: the chart's README.md.gotmpl (helm-docs' default
// layout without one: title, badges, description, requirements, a values table) with its
// {{ template "chart.<section>" . }} filled in from Chart.yaml and the "# --" comments of
// values.yaml.
// helm-docs itself is a Go binary outside the registries CI reaches (npm, Maven Central,
// Debian), so this does the same job for this chart's comment style: a "# --" comment and
// the "#" lines under it describe the key that follows; a described map is one row, an
// undescribed map is walked to its leaves, rows are sorted by key.
//
//   node chart-readme.mjs CHART_DIR            prints the README
//   node chart-readme.mjs CHART_DIR --check    fails when CHART_DIR/README.md differs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const [chart, mode] = process.argv.slice(2);
if (!chart) {
  console.error("usage: node chart-readme.mjs CHART_DIR [--check]");
  process.exit(2);
}
const meta = parse(readFileSync(join(chart, "Chart.yaml"), "utf8"));
const valuesText = readFileSync(join(chart, "values.yaml"), "utf8");
const values = parse(valuesText);

// Descriptions by dotted key path, from the comment lines above each key.
const descriptions = new Map();
const stack = []; // [{indent, key}]
let pending = null;
for (const line of valuesText.split("\n")) {
  const comment = line.match(/^\s*# -- ?(.*)$/);
  if (comment) {
    pending = [comment[1]];
    continue;
  }
  const more = line.match(/^\s*#(?: ?)(.*)$/);
  if (more) {
    if (pending) pending.push(more[1]);
    continue;
  }
  const key = line.match(/^(\s*)([A-Za-z0-9_.-]+):(\s|$)/);
  if (key) {
    const indent = key[1].length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    stack.push({ indent, key: key[2] });
    if (pending) descriptions.set(stack.map((entry) => entry.key).join("."), pending.join(" ").trim());
  }
  if (line.trim() !== "") pending = null;
}

const rows = [];
function walk(node, path) {
  const described = descriptions.has(path);
  if (!described && node && typeof node === "object" && !Array.isArray(node) && Object.keys(node).length) {
    for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    return;
  }
  rows.push([path, typeOf(node), "`" + JSON.stringify(node) + "`", descriptions.get(path) ?? ""]);
}
function typeOf(v) {
  if (Array.isArray(v)) return "list";
  if (v === null) return "string";
  if (typeof v === "object") return "object";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float";
  return "string";
}
walk(values, "");
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const badge = (label, value, color) =>
  `![${label}: ${value}](https://img.shields.io/badge/${label.replace(/ /g, "")}-${String(value).replace(/-/g, "--")}-${color}?style=flat-square)`;
const cell = (text) => text.replace(/\|/g, "\\|");
// The sections helm-docs names in a README.md.gotmpl ({{ template "chart.<name>" . }}).
const sections = {
  header: `# ${meta.name}`,
  badgesSection: [badge("Version", meta.version, "informational"), badge("Type", meta.type, "informational"),
    badge("AppVersion", meta.appVersion, "informational")].join(" "),
  description: meta.description,
  appVersion: meta.appVersion,
  requirementsSection: ["## Requirements", "", `Kubernetes: \`${meta.kubeVersion}\``].join("\n"),
  valuesSection: [
    "## Values",
    "",
    "| Key | Type | Default | Description |",
    "|-----|------|---------|-------------|",
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n"),
};
// helm-docs' default template, used when the chart has no README.md.gotmpl.
let template = ["header", "badgesSection", "description", "requirementsSection", "valuesSection"]
  .map((name) => `{{ template "chart.${name}" . }}`).join("\n\n") + "\n";
try {
  template = readFileSync(join(chart, "README.md.gotmpl"), "utf8");
} catch {
  // no template of its own
}
const body = template.replace(/\{\{ *template "chart\.([A-Za-z]+)" *\. *\}\}/g, (whole, name) => {
  if (!(name in sections)) {
    console.error(`README.md.gotmpl: unknown section chart.${name}`);
    process.exit(2);
  }
  return sections[name];
});
const out = [
  body.replace(/\n+$/, ""),
  "",
  "----------------------------------------------",
  "Generated from README.md.gotmpl and values.yaml by helm/chart-readme.mjs (helm-docs format); edit",
  "those, then run `bash helm/ci-check.sh --write-readme`.",
  "",
].join("\n");

if (mode === "--check") {
  let current = "";
  try {
    current = readFileSync(join(chart, "README.md"), "utf8");
  } catch {
    // missing: reported below
  }
  if (current !== out) {
    console.error(`${chart}/README.md is not what values.yaml generates; run: bash helm/ci-check.sh --write-readme`);
    process.exit(1);
  }
} else {
  process.stdout.write(out);
}
