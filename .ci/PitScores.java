import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Mutation scores per package from PIT's mutations.xml files (docs/testing.md):
 *
 * <pre>
 * java .ci/PitScores.java [--survivors] core/target/pit-reports/mutations.xml ...
 * </pre>
 *
 * <p>"killed" counts what PIT counts as detected (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR);
 * timed-out mutants are also shown on their own, since a loaded machine can time a test out.
 * "of covered" leaves out the mutants that no test reaches (PIT's test strength).
 */
public final class PitScores {
  private static final List<String> DETECTED =
      List.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR");

  public static void main(String[] args) throws Exception {
    boolean survivors = false;
    Map<String, int[]> byPackage = new TreeMap<>();
    List<String> open = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--survivors")) {
        survivors = true;
        continue;
      }
      var doc =
          DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Files.newInputStream(Path.of(arg)));
      NodeList mutations = doc.getElementsByTagName("mutation");
      for (int i = 0; i < mutations.getLength(); i++) {
        Element m = (Element) mutations.item(i);
        String status = m.getAttribute("status");
        String cls = text(m, "mutatedClass");
        String pkg = cls.substring(0, cls.lastIndexOf('.'));
        int[] c = byPackage.computeIfAbsent(pkg, k -> new int[4]);
        c[0]++;
        if (DETECTED.contains(status)) {
          c[1]++;
        }
        if (status.equals("NO_COVERAGE")) {
          c[2]++;
        }
        if (status.equals("TIMED_OUT")) {
          c[3]++;
        }
        if (!DETECTED.contains(status)) {
          String outer = cls.contains("$") ? cls.substring(0, cls.indexOf('$')) : cls;
          open.add(
              String.format(
                  "%-12s %s:%s %s.%s: %s",
                  status,
                  outer.substring(outer.lastIndexOf('.') + 1) + ".java",
                  text(m, "lineNumber"),
                  cls.substring(cls.lastIndexOf('.') + 1),
                  text(m, "mutatedMethod"),
                  text(m, "description")));
        }
      }
    }
    System.out.printf(
        "%-34s %7s %7s %7s %11s %9s%n", "package", "mutants", "killed", "%", "% covered", "timed-out");
    int[] all = new int[4];
    for (var e : byPackage.entrySet()) {
      print(e.getKey(), e.getValue());
      for (int k = 0; k < 4; k++) {
        all[k] += e.getValue()[k];
      }
    }
    print("all", all);
    if (survivors) {
      open.sort(null);
      open.forEach(System.out::println);
    }
  }

  private static void print(String name, int[] c) {
    int covered = c[0] - c[2];
    System.out.printf(
        "%-34s %7d %7d %6.1f%% %10.1f%% %9d%n",
        name, c[0], c[1], 100.0 * c[1] / c[0], covered == 0 ? 0.0 : 100.0 * c[1] / covered, c[3]);
  }

  private static String text(Element m, String tag) {
    NodeList n = m.getElementsByTagName(tag);
    return n.getLength() == 0 ? "" : n.item(0).getTextContent();
  }
}
