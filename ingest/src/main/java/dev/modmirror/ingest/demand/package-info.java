/**
 * Demand: the GOPROXY requests that proxies in front of the mirror answered, read from an HTTP
 * report or tailed from their access logs (nginx combined format, Athens' request log lines), and
 * published as {@link dev.modmirror.core.event.DemandObserved} plus an urgent request for the
 * version asked for.
 */
package dev.modmirror.ingest.demand;
