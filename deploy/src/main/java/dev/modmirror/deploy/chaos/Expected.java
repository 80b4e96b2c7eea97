package dev.modmirror.deploy.chaos;

import dev.modmirror.core.module.ModuleRef;
import java.util.Objects;

/**
 * What the upstream serves for one version when nothing breaks it: the SHA-256 of each file and the
 * go command's hashes. The truth every stored byte is compared with.
 *
 * @param zipSha256 hex SHA-256 of the zip
 * @param modSha256 hex SHA-256 of the go.mod
 * @param infoSha256 hex SHA-256 of the {@code .info}
 */
record Expected(
    ModuleRef ref,
    String zipSha256,
    String modSha256,
    String infoSha256,
    String h1,
    String goModH1) {
  Expected {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(zipSha256, "zipSha256");
    Objects.requireNonNull(modSha256, "modSha256");
    Objects.requireNonNull(infoSha256, "infoSha256");
    Objects.requireNonNull(h1, "h1");
    Objects.requireNonNull(goModH1, "goModH1");
  }
}
