/** Size-bounded stream helpers: every byte from outside is read against a limit. */
package dev.modmirror.core.io;
