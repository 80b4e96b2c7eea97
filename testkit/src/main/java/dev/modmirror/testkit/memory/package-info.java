/**
 * In-memory implementations of the ports, for fast tests of use cases: {@link
 * dev.modmirror.testkit.memory.InMemoryModuleStore} and {@link
 * dev.modmirror.testkit.memory.InMemoryEventBus}. Both pass the same contract suites as the real
 * adapters ({@code dev.modmirror.testkit.contract}).
 */
package dev.modmirror.testkit.memory;
