/**
 * The index.golang.org feed protocol: reading its newline-delimited JSON lines, Go's RFC 3339
 * timestamps with nanoseconds, the follower's position (the inclusive {@code since} and the entries
 * already seen at it), and the two ports a follower needs: the feed itself and a log that stores a
 * page's requests together with the new position.
 */
package dev.modmirror.core.index;
