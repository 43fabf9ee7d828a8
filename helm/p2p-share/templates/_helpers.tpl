{{/* Names and labels shared by the templates. */}}

{{- define "p2p-share.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "p2p-share.fullname" -}}
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

{{- define "p2p-share.tracker.fullname" -}}
{{- printf "%s-tracker" (include "p2p-share.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "p2p-share.peer.fullname" -}}
{{- printf "%s-peer" (include "p2p-share.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "p2p-share.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels of one component; call with (dict "root" $ "component" "tracker"). */}}
{{- define "p2p-share.selectorLabels" -}}
app.kubernetes.io/name: {{ include "p2p-share.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Prometheus scrape annotations of a pod; call with (dict "root" $ "port" 8080). */}}
{{- define "p2p-share.scrapeAnnotations" -}}
{{- if .root.Values.prometheus.scrape }}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: {{ .port | quote }}
{{- end }}
{{- end }}

{{/* Actuator probes on the named http port. */}}
{{- define "p2p-share.probes" -}}
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 5
  failureThreshold: 36
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: 10
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: 5
  failureThreshold: 3
{{- end }}

{{- define "p2p-share.writeTokenSecret" -}}
{{- if .Values.writeToken.existingSecret }}
{{- .Values.writeToken.existingSecret }}
{{- else }}
{{- printf "%s-write-token" (include "p2p-share.fullname" .) }}
{{- end }}
{{- end }}

{{- define "p2p-share.writeTokenEnabled" -}}
{{- if or .Values.writeToken.existingSecret .Values.writeToken.value }}true{{ end }}
{{- end }}

{{- define "p2p-share.databaseSecret" -}}
{{- if .Values.tracker.database.existingSecret }}
{{- .Values.tracker.database.existingSecret }}
{{- else }}
{{- printf "%s-database" (include "p2p-share.tracker.fullname" .) }}
{{- end }}
{{- end }}

{{- define "p2p-share.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) }}
{{- end }}
