package dev.modmirror.replicator;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool a copy's concurrent requests run on. */
class CopyTasksTest {
  private static final ContextKey<String> COPY = ContextKey.named("copy");
  private final ExecutorService io = CopyTasks.pool("test");

  @AfterEach
  void tearDown() {
    io.shutdownNow();
  }

  /**
   * Its storage spans belong to the version's trace: a request sees the submitting copy's context.
   */
  @Test
  void aRequestRunsInTheContextOfTheCopyThatSubmittedIt() throws Exception {
    try (Scope ignored = Context.current().with(COPY, "example.com/m@v1.0.0").makeCurrent()) {
      assertThat(io.submit(() -> Context.current().get(COPY)).get(30, TimeUnit.SECONDS))
          .isEqualTo("example.com/m@v1.0.0");
      assertThat(
              CompletableFuture.supplyAsync(() -> Context.current().get(COPY), io)
                  .get(30, TimeUnit.SECONDS))
          .isEqualTo("example.com/m@v1.0.0");
    }
    assertThat(io.submit(() -> Context.current().get(COPY)).get(30, TimeUnit.SECONDS)).isNull();
  }
}
