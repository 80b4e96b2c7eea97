/**
 * The Go toolchain as referee in interop tests: finds {@code go}, runs it in an isolated
 * environment (private GOPATH, module cache, HOME, build cache) against loopback servers only, and
 * enforces the rule that interop tests fail loudly without Go unless explicitly allowed to abort.
 * {@link dev.modmirror.gotool.GoRelease} lets a test follow the go command where its verdict
 * changed between releases; {@link dev.modmirror.gotool.RealModules} is the one place where the go
 * command (never modmirror) reaches the Go module proxy, to fill a persistent cache of real
 * modules.
 */
package dev.modmirror.gotool;
