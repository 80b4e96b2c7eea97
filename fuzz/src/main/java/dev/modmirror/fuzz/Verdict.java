package dev.modmirror.fuzz;

/**
 * What one side said about a case.
 *
 * @param ok accepted
 * @param result what was computed when accepted (an h1, a size and hash…), compared across sides
 * @param reason why it was refused (a rule id or Go's error text)
 * @param deliberate refused by a documented rule that is stricter than Go on purpose
 */
public record Verdict(boolean ok, String result, String reason, boolean deliberate) {
  public static Verdict accept(String result) {
    return new Verdict(true, result, "", false);
  }

  public static Verdict refuse(String reason) {
    return new Verdict(false, "", reason, false);
  }

  public static Verdict refuseDeliberately(String reason) {
    return new Verdict(false, "", reason, true);
  }

  @Override
  public String toString() {
    return ok ? "accept " + result : (deliberate ? "refuse (deliberate) " : "refuse ") + reason;
  }
}
