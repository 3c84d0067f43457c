{{/* The chart's name, overridable. */}}
{{- define "moderation.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's prefix of every object name. */}}
{{- define "moderation.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "moderation.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "moderation.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/* The deployable services, each a Deployment with the same shape. */}}
{{- define "moderation.services" -}}
api scanner notifier
{{- end }}

{{/* (dict "root" $ "component" "api") → release-moderation-api */}}
{{- define "moderation.componentName" -}}
{{- printf "%s-%s" (include "moderation.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "moderation.selectorLabels" -}}
app.kubernetes.io/name: {{ include "moderation.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "moderation.labels" -}}
{{ include "moderation.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: moderation
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* A component's image: <repository>/<component>:<tag, default appVersion>. */}}
{{- define "moderation.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .component (default .root.Chart.AppVersion .root.Values.image.tag) }}
{{- end }}

{{- define "moderation.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "moderation.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Non-root, read-only root filesystem, no privilege escalation, no capabilities. */}}
{{- define "moderation.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.podSecurityContext.runAsUser }}
runAsGroup: {{ .Values.podSecurityContext.runAsGroup }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: [ALL]
{{- end }}

{{/* An environment variable read from an existing Secret. */}}
{{- define "moderation.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end }}

{{/*
The environment of a component's container: connection strings and keys from the existing Secrets,
migration off (the hook Job migrates), OTLP when configured, then the settings of values.
*/}}
{{- define "moderation.env" -}}
{{- $v := .root.Values -}}
{{ include "moderation.secretEnv" (dict "name" "ConnectionStrings__Postgres" "secret" $v.postgresql.existingSecret "key" $v.postgresql.connectionStringKey) }}
{{ include "moderation.secretEnv" (dict "name" "ConnectionStrings__Redis" "secret" $v.redis.existingSecret "key" $v.redis.connectionStringKey) }}
{{ include "moderation.secretEnv" (dict "name" "ConnectionStrings__RabbitMq" "secret" $v.rabbitmq.existingSecret "key" $v.rabbitmq.urlKey) }}
{{- if and (eq .component "api") $v.rabbitmq.managementUrlKey }}
{{ include "moderation.secretEnv" (dict "name" "ConnectionStrings__RabbitMqManagement" "secret" $v.rabbitmq.existingSecret "key" $v.rabbitmq.managementUrlKey) }}
{{- end }}
{{- if has .component (list "api" "scanner") }}
{{ include "moderation.secretEnv" (dict "name" "Moderation__Fingerprints__Secret" "secret" $v.fingerprints.existingSecret "key" $v.fingerprints.secretKey) }}
{{- end }}
- name: Moderation__Storage__MigrateOnStart
  value: "false"
- name: ASPNETCORE_HTTP_PORTS
  value: "8080"
- name: OTEL_SERVICE_NAME
  value: {{ printf "moderation-%s" .component | quote }}
{{- if $v.otlp.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $v.otlp.endpoint | quote }}
{{- end }}
{{- if $v.trustedCa.configMap }}
- name: SSL_CERT_FILE
  value: /etc/moderation/ca/{{ $v.trustedCa.key }}
{{- end }}
{{- range $name, $value := merge (dict) (index $v .component "settings") $v.settings }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* The writable /tmp and, when configured, the trusted CA bundle. */}}
{{- define "moderation.volumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if .Values.trustedCa.configMap }}
- name: trusted-ca
  mountPath: /etc/moderation/ca
  readOnly: true
{{- end }}
{{- end }}

{{- define "moderation.volumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- if .Values.trustedCa.configMap }}
- name: trusted-ca
  configMap:
    name: {{ .Values.trustedCa.configMap }}
{{- end }}
{{- end }}
