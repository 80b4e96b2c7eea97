/**
 * Ingest's Kafka Streams topologies, each built by a pure method over a {@code StreamsBuilder} so
 * that it is tested with {@code TopologyTestDriver} and on a real broker alike: the dedupe stage
 * between raw requests and the warm lanes ({@link dev.modmirror.adapters.streams.DedupeTopology}),
 * and the demand count per module over a sliding window ({@link
 * dev.modmirror.adapters.streams.DemandTopology}). {@link
 * dev.modmirror.adapters.streams.IngestStreams} runs both with {@code exactly_once_v2}.
 */
package dev.modmirror.adapters.streams;
