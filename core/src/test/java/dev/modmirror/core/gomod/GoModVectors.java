package dev.modmirror.core.gomod;

import dev.modmirror.core.testdata.Txtar;
import dev.modmirror.gotool.GoRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The go.mod vectors: {@code vectors/*.txtar} next to this class, read by {@link GoModVectorsTest}
 * (our verdicts, no Go needed) and {@link GoModVectorsGoIT} (the go command's).
 *
 * <p>Each archive holds cases as pairs of files: {@code NAME.mod}, a go.mod, and {@code NAME.want}
 * whose first line is {@code ok} or {@code error FILE:LINE:COL: MESSAGE} (our exact error). The go
 * command must give the same verdict; a second line {@code go refuses: WHY} or {@code go accepts:
 * WHY} pins a documented divergence instead. A line {@code since: go1.N} in an archive's comment
 * says the directive is new in that release: older go commands refuse every case; {@code checked
 * since: go1.N} says the go command's check is new: older ones accept every case.
 */
final class GoModVectors {
  private GoModVectors() {}

  /**
   * One vector.
   *
   * @param error our expected message ({@code go.mod:3:11: …}); null when we accept
   * @param divergence why the go command's verdict differs from ours; null when it agrees
   * @param sinceMinor the Go 1 minor release that introduced the directive or check; 0 for always
   * @param olderAccepts what go commands before {@code sinceMinor} do with every case
   */
  record Case(
      String archive,
      String name,
      String text,
      String error,
      String divergence,
      int sinceMinor,
      boolean olderAccepts) {
    boolean weAccept() {
      return error == null;
    }

    /** The go command's expected verdict on release {@code go}. */
    boolean goAccepts(GoRelease go) {
      if (!go.atLeast(sinceMinor)) {
        return olderAccepts;
      }
      return divergence == null ? weAccept() : !weAccept();
    }

    /** True when a refusal by the go command is for the same fault as ours (same position). */
    boolean sameFaultAsOurs(GoRelease go) {
      return !weAccept() && divergence == null && go.atLeast(sinceMinor);
    }

    @Override
    public String toString() {
      return archive + "/" + name;
    }
  }

  static List<Case> all() {
    List<Case> cases = new ArrayList<>();
    for (String archive : Txtar.list(GoModVectors.class, "vectors", ".txtar")) {
      cases.addAll(read(Txtar.read(GoModVectors.class, archive)));
    }
    if (cases.isEmpty()) {
      throw new IllegalStateException("no go.mod vectors found");
    }
    return cases;
  }

  private static List<Case> read(Txtar txtar) {
    String archive = txtar.name().replace("vectors/", "").replace(".txtar", "");
    int since = since(txtar.comment(), "since: go1.");
    int checkedSince = since(txtar.comment(), "checked since: go1.");
    Map<String, String> mods = new LinkedHashMap<>();
    Map<String, String> wants = new LinkedHashMap<>();
    for (Txtar.File f : txtar.files()) {
      if (f.name().endsWith(".mod")) {
        mods.put(f.name().substring(0, f.name().length() - 4), f.data());
      } else if (f.name().endsWith(".want")) {
        wants.put(f.name().substring(0, f.name().length() - 5), f.data());
      } else {
        throw new IllegalStateException(archive + ": " + f.name() + " is neither .mod nor .want");
      }
    }
    if (!mods.keySet().equals(wants.keySet())) {
      throw new IllegalStateException(archive + ": every NAME.mod needs a NAME.want and back");
    }
    List<Case> cases = new ArrayList<>();
    mods.forEach(
        (name, text) ->
            cases.add(
                parseCase(
                    archive,
                    name,
                    text,
                    wants.get(name),
                    Math.max(since, checkedSince),
                    checkedSince > 0)));
    return cases;
  }

  private static Case parseCase(
      String archive, String name, String text, String want, int since, boolean olderAccepts) {
    String where = archive + "/" + name + ".want";
    List<String> lines = want.strip().lines().toList();
    String verdict = lines.isEmpty() ? "" : lines.get(0);
    String error;
    if (verdict.equals("ok")) {
      error = null;
    } else if (verdict.startsWith("error ")) {
      error = verdict.substring("error ".length());
    } else {
      throw new IllegalStateException(where + ": first line must be 'ok' or 'error MESSAGE'");
    }
    String divergence = null;
    if (lines.size() == 2) {
      String prefix = error == null ? "go refuses: " : "go accepts: ";
      if (!lines.get(1).startsWith(prefix)) {
        throw new IllegalStateException(where + ": second line must start '" + prefix + "'");
      }
      divergence = lines.get(1).substring(prefix.length());
    } else if (lines.size() > 2) {
      throw new IllegalStateException(where + ": at most two lines");
    }
    return new Case(archive, name, text, error, divergence, since, olderAccepts);
  }

  private static int since(String comment, String key) {
    for (String line : comment.lines().toList()) {
      if (line.startsWith(key)) {
        return Integer.parseInt(line.substring(key.length()).strip());
      }
    }
    return 0;
  }
}
