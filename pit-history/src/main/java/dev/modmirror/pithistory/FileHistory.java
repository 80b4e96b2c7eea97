package dev.modmirror.pithistory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.pitest.coverage.CoverageDatabase;
import org.pitest.mutationtest.DetectionStatus;
import org.pitest.mutationtest.History;
import org.pitest.mutationtest.MutationResult;
import org.pitest.mutationtest.MutationStatusTestPair;
import org.pitest.mutationtest.config.ReportOptions;
import org.pitest.mutationtest.engine.MutationDetails;
import org.pitest.mutationtest.incremental.WriterFactory;

/**
 * Keeps mutation results between runs and reuses one only when nothing it depends on changed:
 *
 * <ul>
 *   <li>nothing is reused once any class under test changed (a hash of every file in the code
 *       directories): a change anywhere in the code can change any outcome;
 *   <li>a killed mutant is reused while its killing test still reads the same: the test class, the
 *       resources under its package (the case tables) and every test helper class;
 *   <li>every other outcome (survived, no coverage, timed out) is reused only while no test file at
 *       all changed, since any new or changed test may reach it.
 * </ul>
 *
 * <p>The file is text: a header, the two hashes, one line per mutant. Results of classes outside
 * this run's targets are kept while they stay valid, so runs of single packages add up.
 */
final class FileHistory implements History {
  private static final String HEADER = "modmirror-pit-history 1";

  private final ReportOptions options;
  private final WriterFactory output;
  private final Optional<Reader> input;
  private final Map<String, Stored> previous = new HashMap<>();
  private final Map<String, Stored> results = new ConcurrentHashMap<>();
  private final Map<String, String> killerHashes = new ConcurrentHashMap<>();
  private String previousMain = "";
  private String previousTests = "";
  private String main;
  private String tests;
  private String helpers;

  private record Stored(
      DetectionStatus status, int testsRun, String killingTest, String killerHash) {}

  FileHistory(ReportOptions options, WriterFactory output, Optional<Reader> input) {
    this.options = options;
    this.output = output;
    this.input = input;
  }

  @Override
  public void initialize() {
    main = hash(codeDirs(), p -> true);
    tests = hash(testDirs(), p -> true);
    helpers = hash(testDirs(), FileHistory::isHelperClass);
    input.ifPresent(this::read);
  }

  @Override
  public void processCoverage(CoverageDatabase coverage) {}

  @Override
  public List<MutationResult> analyse(List<MutationDetails> mutations) {
    List<MutationResult> reused = new ArrayList<>();
    if (!main.equals(previousMain)) {
      return reused;
    }
    for (MutationDetails m : mutations) {
      Stored s = previous.get(m.getId().toString());
      if (s != null && stillValid(s)) {
        List<String> killers = s.killingTest().equals("-") ? List.of() : List.of(s.killingTest());
        reused.add(
            new MutationResult(
                m, new MutationStatusTestPair(s.testsRun(), s.status(), killers, List.of())));
        results.put(m.getId().toString(), s);
      }
    }
    return reused;
  }

  @Override
  public void recordResult(MutationResult r) {
    String killer = r.getKillingTest().orElse("-");
    results.put(
        r.getDetails().getId().toString(),
        new Stored(
            r.getStatus(),
            r.getNumberOfTestsRun(),
            killer,
            killer.equals("-") ? "-" : killerHash(killer)));
  }

  @Override
  public void close() {
    if (main.equals(previousMain)) {
      previous.forEach(
          (id, s) -> {
            if (stillValid(s)) {
              results.putIfAbsent(id, s);
            }
          });
    }
    PrintWriter out = output.create();
    out.println(HEADER);
    out.println("main\t" + main);
    out.println("tests\t" + tests);
    results.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Stored s = e.getValue();
              out.println(
                  String.join(
                      "\t",
                      "result",
                      s.status().name(),
                      Integer.toString(s.testsRun()),
                      s.killingTest(),
                      s.killerHash(),
                      e.getKey()));
            });
    out.flush();
    output.close();
  }

  private boolean stillValid(Stored s) {
    if (s.status() == DetectionStatus.KILLED && !s.killingTest().equals("-")) {
      return s.killerHash().equals(killerHash(s.killingTest()));
    }
    return tests.equals(previousTests);
  }

  private void read(Reader reader) {
    try (BufferedReader in = new BufferedReader(reader)) {
      if (!HEADER.equals(in.readLine())) {
        return; // another format: start afresh
      }
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t", 6);
        switch (f[0]) {
          case "main" -> previousMain = f[1];
          case "tests" -> previousTests = f[1];
          case "result" ->
              previous.put(
                  f[5],
                  new Stored(DetectionStatus.valueOf(f[1]), Integer.parseInt(f[2]), f[3], f[4]));
          default -> {}
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The killing test's class, the resources of its package and every test helper class. */
  private String killerHash(String killingTest) {
    int cut = killingTest.indexOf(".[");
    String className = cut < 0 ? killingTest : killingTest.substring(0, cut);
    return killerHashes.computeIfAbsent(
        className,
        c -> {
          int dot = c.lastIndexOf('.');
          String pkg = dot < 0 ? "" : c.substring(0, dot).replace('.', '/');
          String simple = c.substring(dot + 1);
          return hash(
              testDirs(),
              p -> {
                String rel = p.toString().replace('\\', '/');
                String name = p.getFileName().toString();
                boolean inPackage = rel.startsWith(pkg.isEmpty() ? "" : pkg + "/");
                boolean own =
                    (p.getParent() == null ? "" : p.getParent().toString()).equals(pkg)
                        && (name.equals(simple + ".class") || name.startsWith(simple + "$"));
                return own || (inPackage && !name.endsWith(".class"));
              })
              + helpers;
        });
  }

  /** Classes in the test directories that are not tests: readers, fakes, builders. */
  private static boolean isHelperClass(Path relative) {
    String name = relative.getFileName().toString();
    if (!name.endsWith(".class")) {
      return false;
    }
    String outer = name.substring(0, name.length() - ".class".length()).split("\\$")[0];
    return !outer.endsWith("Test") && !outer.endsWith("IT");
  }

  private List<Path> codeDirs() {
    return options.getCodePaths().stream().map(Path::of).filter(Files::isDirectory).toList();
  }

  private List<Path> testDirs() {
    List<Path> code = codeDirs();
    return options.getClassPathElements().stream()
        .map(Path::of)
        .filter(Files::isDirectory)
        .filter(p -> !code.contains(p))
        .toList();
  }

  /** SHA-256 over the relative names and contents of the selected files, in name order. */
  private static String hash(List<Path> dirs, java.util.function.Predicate<Path> select) {
    MessageDigest sha = sha256();
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          Path rel = dir.relativize(f);
          if (select.test(rel)) {
            sha.update(rel.toString().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(f));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
