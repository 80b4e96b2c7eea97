package dev.modmirror.adapters.http;

/** Answers one request. May throw: the layer then answers 500 and logs the route, not the body. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
