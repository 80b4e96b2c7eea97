package dev.modmirror.core.store;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.module.ModuleRef;
import java.util.List;
import java.util.Locale;

/**
 * A key layout of Athens' storage (github.com/gomods/athens, {@code pkg/storage}) that a bucket may
 * carry beside the GOPROXY tree, so that an existing Athens pointed at the same bucket serves what
 * modmirror warmed. Athens reads module paths and versions decoded (real upper case, not {@code
 * !}-escaped). Each layout is owned by one class: {@link AthensS3Keys} (Athens' S3, GCS and Azure
 * backends), {@link AthensMinioKeys} (its MinIO backend).
 */
public sealed interface AthensLayout permits AthensS3Keys, AthensMinioKeys {

  /** The setting's name of this layout: {@code s3} or {@code minio}. */
  String name();

  /** The object key of {@code artifact} of {@code ref}. */
  String key(ModuleRef ref, Artifact artifact);

  /**
   * The order in which a version's files are written, the one whose presence makes Athens' lister
   * name the version last, so that Athens never lists a version whose files are not all there.
   */
  List<Artifact> writeOrder();

  /**
   * The layouts a setting names: {@code none} (or empty), or a comma-separated list of {@code s3}
   * and {@code minio}.
   *
   * @throws InvalidInputException naming an unknown layout
   */
  static List<AthensLayout> parse(String setting) {
    if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("none")) {
      return List.of();
    }
    return List.of(setting.split("\\s*,\\s*")).stream()
        .map(
            name ->
                switch (name.trim().toLowerCase(Locale.ROOT)) {
                  case "s3" -> (AthensLayout) AthensS3Keys.INSTANCE;
                  case "minio" -> AthensMinioKeys.INSTANCE;
                  default ->
                      throw new InvalidInputException(
                          "unknown Athens layout '" + name + "': use none, s3 or minio");
                })
        .distinct()
        .toList();
  }
}
