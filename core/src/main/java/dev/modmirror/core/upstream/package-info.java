/**
 * The upstream GOPROXY port, where the warmer fetches module versions from, and the go command's
 * semantics around it: GOPROXY list parsing ({@link dev.modmirror.core.upstream.GoproxyList}), the
 * go environment with its defaulting rules ({@link dev.modmirror.core.upstream.GoEnv}), and the
 * not-found answers that mean "not mirrored" ({@link dev.modmirror.core.upstream.NotMirrored}).
 */
package dev.modmirror.core.upstream;
