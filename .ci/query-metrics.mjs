// Which metrics the chart's alert rules and Grafana dashboard query, and whether a real scrape
// has each of them: a query naming a metric the broker does not expose (a typo, a renamed
// meter) would show an empty panel or never fire, and nothing else would tell.
//
//   node .ci/query-metrics.mjs SCRAPE DASHBOARD.json RULES.yaml
//
// SCRAPE is a /actuator/prometheus answer. The dashboard is parsed as JSON (a parse error
// fails); its queries are every target "expr" and every templating query. The rules file is
// the chart's own (files/alerts.yaml), whose queries are the "expr: |" blocks; there must be
// one per "- alert:". No packages: PromQL names are found by removing strings, label
// matchers, ranges and grouping clauses, then taking the identifiers that are not functions
// or keywords.
import { readFileSync } from 'node:fs';

const [scrapeFile, dashboardFile, rulesFile] = process.argv.slice(2);
if (!rulesFile) {
  console.error('usage: node .ci/query-metrics.mjs SCRAPE DASHBOARD.json RULES.yaml');
  process.exit(2);
}

const exposed = new Set(readFileSync(scrapeFile, 'utf8').split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split(/[{ ]/, 1)[0]));
if (![...exposed].some((name) => name.startsWith('broker_'))) {
  fail(`${scrapeFile} has no broker_* sample`);
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring',
  'group_left', 'group_right', 'inf', 'nan', 'atan2']);

function metricNames(query) {
  let q = query
    .replace(/label_values\(([^,]*),[^)]*\)/g, '$1') // label_values(metric{...}, label): the label is no metric
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  const names = [];
  for (const match of q.matchAll(/\d[\w.]*|([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    if (match[1] && !match[2] && !KEYWORDS.has(match[1].toLowerCase())) {
      names.push(match[1]);
    }
  }
  return names;
}

const queries = [];
let dashboard;
try {
  dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8'));
} catch (error) {
  fail(`${dashboardFile} is not JSON: ${error.message}`);
}
(function walk(node, where) {
  if (Array.isArray(node)) {
    node.forEach((item) => walk(item, where));
  } else if (node && typeof node === 'object') {
    const here = node.title ? `${where} > ${node.title}` : (node.name ? `${where} > $${node.name}` : where);
    if (typeof node.expr === 'string') queries.push({ where: here, query: node.expr });
    if (node.type === 'query' && node.query) {
      queries.push({ where: here, query: typeof node.query === 'string' ? node.query : node.query.query });
    }
    Object.values(node).forEach((value) => walk(value, here));
  }
})(dashboard, dashboardFile);
const panels = queries.length;
if (panels === 0) fail(`${dashboardFile} has no queries`);

const lines = readFileSync(rulesFile, 'utf8').split('\n');
const alerts = lines.filter((line) => /^\s*- alert:/.test(line)).length;
let alert = '';
for (let i = 0; i < lines.length; i++) {
  const named = lines[i].match(/^\s*- alert:\s*(\S+)/);
  if (named) alert = named[1];
  const expr = lines[i].match(/^(\s*)expr:\s*(\|)?(.*)$/);
  if (!expr) continue;
  let text = expr[2] ? '' : expr[3];
  if (expr[2]) {
    for (i++; i < lines.length && (lines[i].trim() === '' || lines[i].search(/\S/) > expr[1].length); i++) {
      text += `${lines[i]}\n`;
    }
    i--;
  }
  queries.push({ where: `${rulesFile} > ${alert}`, query: text });
}
if (queries.length - panels !== alerts || alerts === 0) {
  fail(`${rulesFile}: ${queries.length - panels} expr for ${alerts} alerts; write each expr as "expr: |"`);
}

const missing = [];
const used = new Set();
for (const { where, query } of queries) {
  const names = metricNames(query);
  if (names.length === 0) missing.push(`${where}: no metric found in ${query.trim()}`);
  for (const name of names) {
    used.add(name);
    if (!exposed.has(name)) missing.push(`${where}: ${name} is not in ${scrapeFile}`);
  }
}
if (missing.length) fail(missing.join('\n'));
console.log(`${queries.length} queries (${panels} in the dashboard, ${alerts} alerts) name ${used.size} metrics, `
  + `all in the scrape: ${[...used].sort().join(' ')}`);

function fail(message) {
  console.error(`query-metrics: FAILED: ${message}`);
  process.exit(1);
}
