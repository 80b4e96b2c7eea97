{{/* The name of every object: the release name, then the part. */}}
{{- define "modmirror.name" -}}
{{- printf "%s-modmirror" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* A region's name as it appears in variable names: eu-west -> EU_WEST. */}}
{{- define "modmirror.envName" -}}
{{- . | upper | replace "-" "_" -}}
{{- end -}}

{{- define "modmirror.labels" -}}
app.kubernetes.io/name: modmirror
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "modmirror.secretName" -}}
{{- default (include "modmirror.name" .) .Values.existingSecret -}}
{{- end -}}

{{- define "modmirror.image" -}}
{{ printf "%s:%s" .Values.image.repository .Values.image.tag | quote }}
{{- end -}}

{{/* The pod-level settings every workload shares. */}}
{{- define "modmirror.podSpec" -}}
securityContext:
  {{- toYaml .Values.podSecurityContext | nindent 2 }}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* The container settings every modmirror container shares: image, settings, security. */}}
{{- define "modmirror.container" -}}
image: {{ include "modmirror.image" . }}
imagePullPolicy: {{ .Values.image.pullPolicy }}
envFrom:
  - configMapRef: {name: {{ include "modmirror.name" . }}}
  - secretRef: {name: {{ include "modmirror.secretName" . }}}
securityContext:
  {{- toYaml .Values.containerSecurityContext | nindent 2 }}
{{- end -}}
