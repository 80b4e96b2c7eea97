/**
 * The Go toolchain as referee in interop tests: finds {@code go}, runs it in an isolated
 * environment (private GOPATH, module cache, HOME, build cache) against loopback servers only, and
 * enforces the rule that interop tests fail loudly without Go unless explicitly allowed to abort.
 */
package dev.modmirror.gotool;
