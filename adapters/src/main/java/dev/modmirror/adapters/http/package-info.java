/**
 * The small HTTP layer every modmirror HTTP surface shares (webhooks, demand, health; later the
 * GOPROXY endpoint and admin), over the JDK's {@code com.sun.net.httpserver} (no dependency; its
 * {@code HttpsServer} serves TLS the same way). {@link dev.modmirror.adapters.http.HttpService}
 * gives: routes by method and path, 405 with {@code Allow}, 404, a request body cap per route (413
 * before reading an oversize body), a per-source rate limit (429), {@code /healthz} and {@code
 * /readyz}, a bounded worker pool (past it a connection is closed, not queued without limit), and
 * metrics per route and status. Handlers get a {@link dev.modmirror.adapters.http.Request} with the
 * whole (capped) body and return a {@link dev.modmirror.adapters.http.Response}; a handler that
 * throws answers 500 without echoing anything. Authentication is not here yet: it will wrap
 * handlers.
 */
package dev.modmirror.adapters.http;
