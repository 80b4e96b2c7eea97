/**
 * The JSON form of modmirror's events (see docs/events.md): one Jackson {@code ObjectMapper} set up
 * so that module paths and versions are plain strings, an event's {@code ref} is written flat as
 * {@code "module"} and {@code "version"}, instants are RFC 3339 strings and {@code "schema"} comes
 * first. Anything unreadable ends as an {@link dev.modmirror.core.error.InvalidInputException}.
 */
package dev.modmirror.adapters.json;
