/**
 * Module identity: paths, versions and their rules and encodings, as the go command and
 * golang.org/x/mod define them. Every value type here is valid by construction.
 */
package dev.modmirror.core.module;
