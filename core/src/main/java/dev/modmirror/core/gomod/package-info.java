/**
 * The go.mod file: its grammar, parsed into what modmirror needs (module path and requirements).
 */
package dev.modmirror.core.gomod;
