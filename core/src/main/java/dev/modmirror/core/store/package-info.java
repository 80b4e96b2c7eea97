/**
 * The object store port and the object key layout: a bucket is a GOPROXY tree, so any static file
 * server or {@code GOPROXY=file://} copy serves it unchanged. The port owns the write order of a
 * version and its immutability ({@link dev.modmirror.core.store.ModuleStore#save}: {@code .mod},
 * {@code .zip}, {@code .info} last and only if absent, then {@code @v/list}; a complete version's
 * recorded {@link dev.modmirror.core.store.VersionHashes} are never replaced); {@link
 * dev.modmirror.core.store.ObjectKeys} owns the keys; {@link
 * dev.modmirror.core.store.StoredVersions} reads back what a store holds before anything is fetched
 * for it.
 */
package dev.modmirror.core.store;
