/**
 * Demand: what the team's builds fetch from the proxies in front of the mirror. Reading GOPROXY
 * request paths back into module versions, and the port through which the nightly prefetch ranks
 * modules by demand.
 */
package dev.modmirror.core.demand;
