package dev.modmirror.core.module;

/**
 * A module path split at its major-version suffix (x/mod SplitPathVersion): {@code prefix +
 * pathMajor} is the path.
 *
 * @param prefix the path without its major-version suffix
 * @param pathMajor {@code ""}, {@code "/vN"} (N ≥ 2), or for gopkg.in {@code ".vN"} or {@code
 *     ".vN-unstable"}
 */
public record PathSplit(String prefix, String pathMajor) {}
