/**
 * GOPROXY clients: {@link dev.modmirror.adapters.upstream.HttpGoproxy} (http and https, streamed,
 * size-capped, classified errors), {@link dev.modmirror.adapters.upstream.FileGoproxy} ({@code
 * file://} trees), and {@link dev.modmirror.adapters.upstream.Upstreams}, which builds a GOPROXY
 * list with the go command's fall-through semantics.
 */
package dev.modmirror.adapters.upstream;
