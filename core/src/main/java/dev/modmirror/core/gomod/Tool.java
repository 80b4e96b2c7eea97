package dev.modmirror.core.gomod;

import java.util.Objects;

/**
 * One {@code tool} line: the import path of a tool package.
 *
 * @param line the 1-based line it was read from
 */
public record Tool(String path, int line) {
  public Tool {
    Objects.requireNonNull(path, "path");
  }
}
