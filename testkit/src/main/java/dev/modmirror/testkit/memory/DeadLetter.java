package dev.modmirror.testkit.memory;

import dev.modmirror.core.event.Event;

/**
 * An event whose handler threw, kept by {@link InMemoryEventBus} in place of a dead-letter topic.
 *
 * @param topic the topic name the event was published to
 * @param group the consumer group whose handler threw
 * @param event the event as published
 * @param error what the handler threw
 */
public record DeadLetter(String topic, String group, Event event, Throwable error) {}
