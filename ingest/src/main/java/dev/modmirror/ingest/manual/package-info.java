/**
 * Warm requests an operator or a developer asks for by name ({@code POST /warm}): published as
 * {@link dev.modmirror.core.event.RequestSource#MANUAL}, which always passes the dedupe stage.
 */
package dev.modmirror.ingest.manual;
