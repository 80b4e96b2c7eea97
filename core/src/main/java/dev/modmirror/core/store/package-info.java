/**
 * The object store port and the object key layout: a bucket is a GOPROXY tree, so any static file
 * server or {@code GOPROXY=file://} copy serves it unchanged.
 */
package dev.modmirror.core.store;
