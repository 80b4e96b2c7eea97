/** The launcher: the {@code modmirror} command and its subcommands. */
package dev.modmirror.deploy;
