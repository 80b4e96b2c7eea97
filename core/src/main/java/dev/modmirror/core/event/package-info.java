/**
 * The events that carry a module version through modmirror, their topics, and the event bus port.
 * Every event is a record validated on construction and carries a schema version; see
 * docs/events.md for the JSON forms.
 */
package dev.modmirror.core.event;
