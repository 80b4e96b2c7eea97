/**
 * The small HTTP layer every modmirror HTTP surface shares (webhooks, demand, health; later the
 * GOPROXY endpoint and admin), over the JDK's {@code com.sun.net.httpserver} (no dependency; its
 * {@code HttpsServer} serves TLS the same way). {@link dev.modmirror.adapters.http.HttpService}
 * gives: routes by method and path, 405 with {@code Allow}, 404, a request body cap per route (413
 * before reading an oversize body), a per-source rate limit (429), {@code /healthz} and {@code
 * /readyz}, a bounded worker pool (past it a connection is closed, not queued without limit), and
 * metrics per route and status. Handlers get a {@link dev.modmirror.adapters.http.Request} with the
 * whole (capped) body and return a {@link dev.modmirror.adapters.http.Response}; a handler that
 * throws answers 500 without echoing anything. Access control is a {@link
 * dev.modmirror.adapters.http.RequestFilter} checked before every handler: {@link
 * dev.modmirror.adapters.http.AccessControl} (bearer tokens by role and module, each route's {@link
 * dev.modmirror.adapters.http.Access} declared or the route is closed); {@link
 * dev.modmirror.adapters.http.HttpSecurity} applies it and TLS from a key store ({@code
 * HttpsServer}) to a surface.
 */
package dev.modmirror.adapters.http;
