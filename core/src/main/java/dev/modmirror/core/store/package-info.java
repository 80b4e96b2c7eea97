/**
 * The object store port and the object key layout: a bucket is a GOPROXY tree, so any static file
 * server or {@code GOPROXY=file://} copy serves it unchanged. The port owns the write order of a
 * version ({@link dev.modmirror.core.store.ModuleStore#save}: {@code .mod}, {@code .zip}, {@code
 * .info} last, then {@code @v/list}); {@link dev.modmirror.core.store.ObjectKeys} owns the keys.
 */
package dev.modmirror.core.store;
