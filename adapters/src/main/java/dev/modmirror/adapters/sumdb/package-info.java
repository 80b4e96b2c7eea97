/** The HTTP transport of the checksum database client ({@link dev.modmirror.core.sumdb}). */
package dev.modmirror.adapters.sumdb;
