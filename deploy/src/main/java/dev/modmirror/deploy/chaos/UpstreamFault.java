package dev.modmirror.deploy.chaos;

/** How the chaos upstream breaks one answer. */
enum UpstreamFault {
  /** 500, 502 or 503 instead of the file. */
  SERVER_ERROR("upstream 5xx"),
  /** The connection reset (RST) before any answer. */
  RESET("upstream reset"),
  /** The full length announced, half the body sent, the connection closed. */
  TRUNCATED("upstream truncated"),
  /** One byte of the zip's first entry flipped (its CRC no longer matches). */
  CORRUPTED("upstream corrupted bytes"),
  /** A 2 s stall before the answer, which then comes whole. */
  STALL("upstream 2 s stall");

  private final String label;

  UpstreamFault(String label) {
    this.label = label;
  }

  /** The fault's name in the report's table. */
  String label() {
    return label;
  }
}
