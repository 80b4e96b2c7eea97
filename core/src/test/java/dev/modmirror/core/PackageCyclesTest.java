package dev.modmirror.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of core form no cycle, read from the sources (imports and qualified names in code,
 * not in comments or strings), without an architecture library. A cycle makes two packages one:
 * neither can be understood, tested or moved without the other.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE =
      Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);
  // A qualified type name (dev.modmirror.x.Type) or a wildcard import (dev.modmirror.x.*).
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.modmirror(?:\\.[a-z]\\w*)+)\\.(?:[A-Z]|\\*)");

  @Test
  void corePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> graph = dependencies();
    assertThat(graph).as("packages read from %s", SOURCES.toAbsolutePath()).isNotEmpty();

    Set<String> cycles = new TreeSet<>();
    graph.forEach(
        (from, tos) ->
            tos.stream()
                .filter(to -> reaches(graph, to, from))
                .forEach(to -> cycles.add(from + " -> " + to)));
    assertThat(cycles).as("package dependencies that are part of a cycle").isEmpty();
  }

  @Test
  void errorKindsNameNoOtherPackageOfOurs() throws IOException {
    assertThat(dependencies().getOrDefault("dev.modmirror.core.error", Set.of())).isEmpty();
  }

  private static boolean reaches(Map<String, Set<String>> graph, String from, String target) {
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    Set<String> seen = new TreeSet<>();
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (next.equals(target)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(graph.getOrDefault(next, Set.of()));
      }
    }
    return false;
  }

  /** Package to the other packages of ours that its main sources use. */
  private static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String code =
            JavaCode.withoutCommentsAndLiterals(Files.readString(file, StandardCharsets.UTF_8));
        Matcher pkg = PACKAGE.matcher(code);
        if (!pkg.find()) {
          continue;
        }
        Set<String> uses = graph.computeIfAbsent(pkg.group(1), k -> new TreeSet<>());
        Matcher ref = REFERENCE.matcher(code.substring(pkg.end()));
        while (ref.find()) {
          if (!ref.group(1).equals(pkg.group(1))) {
            uses.add(ref.group(1));
          }
        }
      }
    }
    return graph;
  }

  /** Java source text with comments, string, text-block and char literals blanked out. */
  static final class JavaCode {
    private JavaCode() {}

    static String withoutCommentsAndLiterals(String source) {
      StringBuilder code = new StringBuilder(source.length());
      int i = 0;
      while (i < source.length()) {
        int end = skip(source, i);
        if (end == i) {
          code.append(source.charAt(i++));
        } else {
          code.append(' ');
          i = end;
        }
      }
      return code.toString();
    }

    /** The end of a comment or literal starting at {@code i}, or {@code i} if none starts there. */
    private static int skip(String s, int i) {
      if (s.startsWith("//", i)) {
        int nl = s.indexOf('\n', i);
        return nl < 0 ? s.length() : nl;
      }
      if (s.startsWith("/*", i)) {
        return closing(s, s.indexOf("*/", i + 2), 2);
      }
      if (s.startsWith("\"\"\"", i)) {
        return closing(s, s.indexOf("\"\"\"", i + 3), 3);
      }
      char c = s.charAt(i);
      if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != c) {
          j += s.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(j + 1, s.length());
      }
      return i;
    }

    private static int closing(String s, int at, int width) {
      return at < 0 ? s.length() : at + width;
    }
  }
}
