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
{{- if or .Values.vendors .Values.clients (and .Values.redis.enabled .Values.redis.existingSecret) }}true{{ end }}
{{- end }}


