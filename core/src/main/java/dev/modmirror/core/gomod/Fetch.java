package dev.modmirror.core.gomod;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;
import java.util.Optional;

/**
 * What the go command does with one requirement of a main module: fetch a module version (the
 * required one or its replacement), or fetch nothing and why.
 *
 * @param requirement the {@code require} line
 * @param file the go.mod that holds it
 * @param kind the rule that decided
 * @param ref the module version fetched; empty when nothing is
 * @param replacement the directive applied, if any (for a local directory, where to find it)
 */
public record Fetch(
    Requirement requirement,
    String file,
    Kind kind,
    Optional<ModuleRef> ref,
    Optional<Replacements.Declared> replacement) {

  /** Why a requirement is fetched as it is, or not at all. */
  public enum Kind {
    /** Fetched as required. */
    REQUIRED,
    /** Replaced by another module version (or another version of itself): that one is fetched. */
    REPLACED,
    /** Replaced by a local directory: nothing is fetched. */
    LOCAL_DIRECTORY,
    /** The version is excluded: the go command drops the requirement (since Go 1.16). */
    EXCLUDED,
    /** The path is a module of the same workspace: built from its directory, never fetched. */
    WORKSPACE_MODULE
  }

  public Fetch {
    Objects.requireNonNull(requirement, "requirement");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(replacement, "replacement");
  }
}
