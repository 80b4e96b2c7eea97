package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModulePath;
import java.util.List;
import java.util.Optional;

/**
 * A parsed go.mod.
 *
 * @param module the {@code module} directive's path; empty if the file has none
 * @param requirements every {@code require}, in file order
 */
public record GoModFile(Optional<ModulePath> module, List<Requirement> requirements) {
  public GoModFile {
    requirements = List.copyOf(requirements);
  }
}
