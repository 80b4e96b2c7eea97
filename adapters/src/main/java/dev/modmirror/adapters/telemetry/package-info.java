/**
 * OpenTelemetry SDK set-up shared by the services: W3C trace-context propagation, spans and metrics
 * exported over OTLP/HTTP when an endpoint is configured, and an in-process variant for tests.
 */
package dev.modmirror.adapters.telemetry;
