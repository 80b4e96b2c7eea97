/**
 * End-to-end benchmarks of a whole mirror on the dev cluster ({@code ./modmirror bench warm}).
 * Never run by the tests: performance targets live here, not in timed unit tests.
 */
package dev.modmirror.deploy.bench;
