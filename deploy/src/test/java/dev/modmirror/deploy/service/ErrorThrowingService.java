package dev.modmirror.deploy.service;

import dev.modmirror.core.event.Consumption;
import dev.modmirror.core.event.EventBus;
import dev.modmirror.core.event.Topics;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;

/**
 * A child process for {@code ConsumerErrorIT}: a production service run (the same {@link
 * UntilStopped} and adapters as {@code modmirror warmer}) whose worker dies of a JVM error on the
 * first request it takes.
 */
public final class ErrorThrowingService {
  private ErrorThrowingService() {}

  public static void main(String[] args) throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-error-test");
    String group = System.getenv("TEST_GROUP");
    Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION);
    int code =
        UntilStopped.serve(
            "error-test",
            adapters,
            services -> {
              EventBus.Subscription subscription =
                  adapters
                      .bus()
                      .consume(
                          Consumption.of(Topics.REQUESTS, group),
                          (event, delivery) -> {
                            throw new OutOfMemoryError("Java heap space (test)");
                          });
              return subscription::close;
            });
    System.exit(code);
  }
}
