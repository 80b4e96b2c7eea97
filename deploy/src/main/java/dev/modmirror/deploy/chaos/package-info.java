/**
 * {@code modmirror chaos}: the whole mirror as separate processes (three Kafka brokers, S3
 * endpoints for the primary and two regions, ingest, two warmers, one replicator per region and
 * serve) under a steady load and a seeded schedule of faults, then the invariants read back from
 * what is really in the buckets and topics ({@link dev.modmirror.deploy.chaos.ChaosInvariants},
 * pure and unit-tested over broken states). Dev and CI tooling: nothing here runs in production.
 */
package dev.modmirror.deploy.chaos;
