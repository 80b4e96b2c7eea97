/**
 * The GOPROXY protocol as a server reads it: request paths ({@link
 * dev.modmirror.core.goproxy.ProxyPath}) decoded once and checked with the module path rules, each
 * refusal a named {@link dev.modmirror.core.goproxy.ProxyPathException.Rule}, and which version
 * {@code @latest} names ({@link dev.modmirror.core.goproxy.LatestVersion}).
 */
package dev.modmirror.core.goproxy;
