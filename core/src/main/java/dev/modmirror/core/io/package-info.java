/**
 * Bytes from outside and scratch disk: size-bounded reads and copies ({@link
 * dev.modmirror.core.io.Bounded}: every byte from outside is read against a limit), a zip spooled
 * to disk while it is checked ({@link dev.modmirror.core.io.Spool}), and removal of scratch trees
 * ({@link dev.modmirror.core.io.Trees}).
 */
package dev.modmirror.core.io;
