/** The upstream GOPROXY port: where the warmer fetches module versions from. */
package dev.modmirror.core.upstream;
