{{/* Chart name, overridable. */}}
{{- define "session-broker.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full resource name: release-chart unless the release name already contains the chart name. */}}
{{- define "session-broker.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "session-broker.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "session-broker.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "session-broker.selectorLabels" -}}
app.kubernetes.io/name: {{ include "session-broker.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The Secret holding one key per vendor: the chart's own or credentials.existingSecret. */}}
{{- define "session-broker.secretName" -}}
{{- default (include "session-broker.fullname" .) .Values.credentials.existingSecret }}
{{- end }}

{{/* Where the credentials volume is mounted: a Spring config tree (configtree:). */}}
{{- define "session-broker.credentialsPath" -}}
/run/secrets/session-broker
{{- end }}

{{/* Non-empty when the pod gets credential files: vendor passwords, or a Redis password. */}}
{{- define "session-broker.credentialFiles" -}}
{{- if or .Values.vendors (include "session-broker.tokenClients" . | trim) (and .Values.redis.enabled .Values.redis.existingSecret) }}true{{ end }}
{{- end }}

{{/*
  Clients with a token digest in the Secret: all but those proven by a JWT subject alone
  (a client may have both).
*/}}
{{- define "session-broker.tokenClients" -}}
{{- range $name, $client := .Values.clients }}
{{- $c := default dict $client }}
{{- if or (hasKey $c "token-sha256") (not (hasKey $c "subject")) }}{{ $name }} {{ end }}
{{- end }}
{{- end }}

{{/* Where the broker's own token and the cluster CA for the JWK set are mounted (jwt.kubernetesApi). */}}
{{- define "session-broker.kubernetesApiPath" -}}
/run/secrets/kubernetes-api
{{- end }}



{{/* The pod's ServiceAccount: the chart's own, serviceAccount.name, or the namespace's default. */}}
{{- define "session-broker.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "session-broker.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Non-empty when the broker keeps sessions in Redis (redis.enabled, or broker.store in config). */}}
{{- define "session-broker.sharedStore" -}}
{{- if or .Values.redis.enabled (eq (toString (dig "broker" "store" "local" .Values.config)) "redis") }}true{{ end }}
{{- end }}

{{/*
  AppViewX vendors: their optional appviewx.gateway-key (the tenant key) is a credential file.
  Only vendors of type appviewx read the appviewx block; the schema refuses it elsewhere.
*/}}
{{- define "session-broker.gatewayKeyVendors" -}}
{{- range $name, $vendor := .Values.vendors }}
{{- $v := default dict $vendor }}
{{- if eq (toString (get $v "type")) "appviewx" }}{{ $name }} {{ end }}
{{- end }}
{{- end }}

{{/*
  AppViewX service accounts (appviewx.client-id): they log in with appviewx.client-secret, a
  credential file, and have no username or password, so no password item either.
*/}}
{{- define "session-broker.serviceAccountVendors" -}}
{{- range $name, $vendor := .Values.vendors }}
{{- $a := default dict (get (default dict $vendor) "appviewx") }}
{{- if or (hasKey $a "client-id") (hasKey $a "client-secret") }}{{ $name }} {{ end }}
{{- end }}
{{- end }}

{{/*
  Start-up conditions the broker would otherwise discover in a crash loop: on the pod's
  address (all interfaces) it refuses to serve anonymous callers unless told to.
*/}}
{{- define "session-broker.validate" -}}
{{- $configClients := dig "broker" "clients" dict .Values.config }}
{{- $configAnonymous := dig "broker" "security" "allow-anonymous" false .Values.config }}
{{- if not (or .Values.clients $configClients .Values.allowAnonymous $configAnonymous) }}
{{- fail "no clients and allowAnonymous is false: the broker refuses to start on the pod's address without callers. Configure clients (see values.yaml and docs/security.md), or set allowAnonymous=true together with a NetworkPolicy" }}
{{- end }}
{{- range $name, $client := .Values.clients }}
{{- if and (hasKey (default dict $client) "subject") (not $.Values.jwt.enabled) }}
{{- fail (printf "clients.%s.subject needs jwt.enabled: the broker refuses to start with a JWT client and no issuer to check its tokens against" $name) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
  The actuator's port: config.management.server.port when the application configuration
  sets it (the environment variable below would otherwise silently win over it), else
  management.port. Probes, Service, ServiceMonitor and NetworkPolicy all follow it.
*/}}
{{- define "session-broker.managementPort" -}}
{{- $port := int (dig "management" "server" "port" .Values.management.port .Values.config) }}
{{- if eq $port 8080 }}
{{- fail "the management port must differ from the API port 8080: the probes and scrapes need the actuator's own server" }}
{{- end }}
{{- $port }}
{{- end }}

{{/* Non-empty when more than one pod may run at once. */}}
{{- define "session-broker.multiplePods" -}}
{{- if or .Values.autoscaling.enabled (gt (int .Values.replicaCount) 1) }}true{{ end }}
{{- end }}
