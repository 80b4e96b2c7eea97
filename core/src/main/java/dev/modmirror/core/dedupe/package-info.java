/**
 * Which raw requests become warm requests: the rules of the dedupe stage between {@code
 * modmirror.requests.v1} and the warm lanes, as pure functions of one version's state, so the Kafka
 * Streams topology that runs them stays thin and the rules are tested without a broker.
 */
package dev.modmirror.core.dedupe;
