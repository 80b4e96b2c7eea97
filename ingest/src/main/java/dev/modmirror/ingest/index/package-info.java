/**
 * The index feed follower: pages through index.golang.org from a stored position, drops the page
 * boundary's repeats, filters module paths, and publishes each page's requests together with the
 * new position through a {@link dev.modmirror.core.index.FeedLog}, so a crash resumes where the
 * published requests end.
 */
package dev.modmirror.ingest.index;
