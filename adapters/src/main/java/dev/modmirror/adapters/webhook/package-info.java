/** Reading a file at a commit from a repository host's raw-content URL, for push webhooks. */
package dev.modmirror.adapters.webhook;
