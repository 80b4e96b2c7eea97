package dev.modmirror.core.store;

/**
 * The three files of one module version, in the order {@link ModuleStore#save} writes them: {@code
 * .info} last.
 */
public enum Artifact {
  MOD(".mod", "text/plain; charset=utf-8"),
  ZIP(".zip", "application/zip"),
  /** Written last: its presence marks the version complete (Athens issues 1032, 1841). */
  INFO(".info", "application/json");

  private final String extension;
  private final String contentType;

  Artifact(String extension, String contentType) {
    this.extension = extension;
    this.contentType = contentType;
  }

  /** The file name suffix in the GOPROXY protocol, with its dot. */
  public String extension() {
    return extension;
  }

  public String contentType() {
    return contentType;
  }
}
