package dev.modmirror.core.demand;

import dev.modmirror.core.error.TransientException;
import dev.modmirror.core.module.ModulePath;
import java.util.List;

/** Modules ranked by how often the proxies in front of the mirror were asked for them. */
public interface DemandRanking {

  /**
   * The most demanded modules in the current window, most demanded first, ties by path.
   *
   * @param limit at most this many
   * @return an empty list if nothing was demanded
   * @throws TransientException if the counts cannot be read now
   */
  List<ModulePath> top(int limit);
}
