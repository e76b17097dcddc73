// Validates rendered Kubernetes manifests (multi-document YAML files, as `helm template`
// writes them) against the Kubernetes OpenAPI schemas compiled into the npm packages
// kubernetes-models and @kubernetes-models/prometheus-operator (ServiceMonitor).
// helm/ci-check.sh installs those packages in its cache and runs this file from there.
//
//   node validate-manifests.mjs rendered.yaml [more.yaml ...]
//
// Fails on YAML errors, schema violations (types, required fields, enums, formats) and on
// any apiVersion/kind without a schema. The schemas do not reject unknown fields.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

function modulesFor(apiVersion) {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) {
    return `kubernetes-models/${apiVersion}`;
  }
  const group = apiVersion.slice(0, slash);
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  }
  return `kubernetes-models/${apiVersion}`;
}

let failures = 0;
let validated = 0;
for (const file of process.argv.slice(2)) {
  const kinds = [];
  const failuresBefore = failures;
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      console.error(`${file}: YAML error: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const manifest = document.toJS();
    if (manifest == null) {
      continue;
    }
    const name = `${manifest.kind ?? "?"} ${manifest.metadata?.name ?? "?"}`;
    if (!manifest.apiVersion || !manifest.kind) {
      console.error(`${file}: ${name}: no apiVersion or kind`);
      failures++;
      continue;
    }
    let model;
    try {
      model = (await import(modulesFor(manifest.apiVersion)))[manifest.kind];
    } catch {
      model = undefined;
    }
    if (typeof model !== "function") {
      console.error(`${file}: ${name}: no schema for ${manifest.apiVersion} ${manifest.kind}`);
      failures++;
      continue;
    }
    try {
      new model(manifest).validate();
      validated++;
      kinds.push(manifest.kind);
    } catch (error) {
      console.error(`${file}: ${name} (${manifest.apiVersion}): ${error.message}`);
      failures++;
    }
  }
  const status = failures === failuresBefore ? "valid" : "INVALID";
  console.log(`  ${status}: ${file}: ${kinds.join(", ") || "no valid manifests"}`);
}
if (failures > 0) {
  console.error(`${failures} manifest(s) failed schema validation`);
  process.exit(1);
}
console.log(`  ${validated} manifest(s) valid against the Kubernetes schemas`);
