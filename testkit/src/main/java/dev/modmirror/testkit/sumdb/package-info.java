/**
 * A loopback checksum database for tests: {@link dev.modmirror.testkit.sumdb.FakeSumDb} keeps a
 * real transparency log over the module versions a test adds, signs its tree heads with a fresh
 * Ed25519 key, serves lookups, tiles and data tiles like sum.golang.org, and lies on request.
 */
package dev.modmirror.testkit.sumdb;
