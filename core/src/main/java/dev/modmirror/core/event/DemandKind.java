package dev.modmirror.core.event;

/** Which GOPROXY artifact of a module version a proxy was asked for. */
public enum DemandKind {
  /** {@code $module/@v/$version.info} */
  INFO,
  /** {@code $module/@v/$version.mod} */
  MOD,
  /** {@code $module/@v/$version.zip} */
  ZIP
}
