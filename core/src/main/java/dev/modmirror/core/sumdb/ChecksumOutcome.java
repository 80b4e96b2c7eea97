package dev.modmirror.core.sumdb;

/** What {@link ChecksumPolicy#check} did for one version. */
public sealed interface ChecksumOutcome {
  /**
   * A short label for span attributes and logs: {@code off}, {@code exempt}, {@code verified:<db>}.
   */
  String label();

  /** {@code GOSUMDB=off}: nothing was checked. */
  record Off() implements ChecksumOutcome {
    @Override
    public String label() {
      return "off";
    }
  }

  /** The module matches GONOSUMDB/GOPRIVATE: not checked, as the go command would not. */
  record Exempt() implements ChecksumOutcome {
    @Override
    public String label() {
      return "exempt";
    }
  }

  /**
   * The database vouched for both hashes.
   *
   * @param database the database name, e.g. {@code sum.golang.org}
   * @param lines the database's lines, equal to ours
   */
  record Verified(String database, SumDbLines lines) implements ChecksumOutcome {
    @Override
    public String label() {
      return "verified:" + database;
    }
  }
}
