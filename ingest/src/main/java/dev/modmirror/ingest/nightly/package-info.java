/**
 * The nightly prefetch: for the most demanded modules and a configured list, request the newest
 * versions the upstream lists that the bucket lacks. Run by a Quartz schedule or by hand ({@code
 * modmirror prefetch --now}); safe on every ingest replica at once, because the dedupe stage drops
 * the repeats.
 */
package dev.modmirror.ingest.nightly;
