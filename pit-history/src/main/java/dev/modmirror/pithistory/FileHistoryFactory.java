package dev.modmirror.pithistory;

import java.io.Reader;
import java.util.Optional;
import org.pitest.mutationtest.History;
import org.pitest.mutationtest.HistoryFactory;
import org.pitest.mutationtest.HistoryParams;
import org.pitest.mutationtest.incremental.WriterFactory;
import org.pitest.plugin.Feature;

/**
 * PIT's history (incremental analysis) for modmirror's {@code pit} profile: PIT 1.30 ships the
 * extension point but no implementation. Active whenever a history file is configured.
 */
public final class FileHistoryFactory implements HistoryFactory {
  @Override
  public History makeHistory(HistoryParams params, WriterFactory output, Optional<Reader> input) {
    return new FileHistory(params.data(), output, input);
  }

  @Override
  public Feature provides() {
    return Feature.named("modmirror_history")
        .withOnByDefault(true)
        .withDescription("Reuses results whose code and tests did not change (modmirror)");
  }

  @Override
  public String description() {
    return "modmirror history";
  }
}
