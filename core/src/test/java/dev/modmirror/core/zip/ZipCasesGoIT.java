package dev.modmirror.core.zip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.testdata.CaseTable;
import dev.modmirror.gotool.GoOracle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go referees the zip cases ({@code cases/*.txt}) and the hostile table ({@code
 * tables/hostile.txt}): each zip is given to the Go oracle's {@code zip} case, what {@code go mod
 * download} does with a zip from a proxy (archive/zip, dirhash, x/mod's Unzip). Where the table
 * says {@code ok}, Go must accept with the h1 we compute; where it names a rule that refuses what
 * Go refuses, Go must refuse; a rule that is {@linkplain ZipRule#stricterThanGo() stricter than Go}
 * is ours on purpose, whatever Go says. Cases that set their own limits cannot be asked (Go's
 * limits are x/mod's constants) and are counted apart.
 */
class ZipCasesGoIT {
  private static GoOracle oracle;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    oracle = GoOracle.start();
  }

  @AfterAll
  static void stop() {
    oracle.close();
  }

  private record Zip(String where, ModuleRef ref, byte[] bytes, String want) {}

  @Test
  void goAcceptsAndRefusesTheZipCasesAsTheirRulesSay() throws IOException {
    List<Zip> zips = new ArrayList<>();
    int scaled = 0;
    for (ZipCase c : ZipCase.all()) {
      if (c.scaledLimits()) {
        scaled++;
      } else {
        zips.add(new Zip(c.name(), c.ref(), c.bytes(), c.want()));
      }
    }
    System.out.printf("zip cases: %d with their own limits, not asked of Go%n", scaled);
    referee(zips);
  }

  @Test
  void goAcceptsAndRefusesTheHostileZipsAsTheirRulesSay() throws IOException {
    List<Zip> zips = new ArrayList<>();
    for (CaseTable.Row row : HostileZips.rows()) {
      zips.add(
          new Zip(
              row.toString(), HostileZips.REF, HostileZips.damaged(row), HostileZips.rule(row)));
    }
    referee(zips);
  }

  private void referee(List<Zip> zips) throws IOException {
    List<GoOracle.Answer> answers =
        oracle.askAll(
            zips.stream()
                .map(
                    z ->
                        GoOracle.Query.of(
                            "zip", z.ref().path().value(), z.ref().version().value(), z.bytes()))
                .toList());
    List<String> differences = new ArrayList<>();
    int stricter = 0;
    for (int i = 0; i < zips.size(); i++) {
      Zip z = zips.get(i);
      GoOracle.Answer go = answers.get(i);
      if (z.want().equals("ok")) {
        Path file = Files.write(dir.resolve("case.zip"), z.bytes());
        if (!go.ok() || !go.result().equals(DirHash.hashZip(file))) {
          differences.add(z.where() + ": ok, but Go says " + (go.ok() ? go.result() : go.error()));
        }
        continue;
      }
      ZipRule rule =
          Arrays.stream(ZipRule.values())
              .filter(r -> r.id().equals(z.want()))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException(z.where() + ": no rule " + z.want()));
      if (rule.stricterThanGo()) {
        stricter += go.ok() ? 1 : 0;
      } else if (go.ok()) {
        differences.add(z.where() + ": " + z.want() + ", but Go accepts it");
      }
    }
    System.out.printf(
        "%d zips asked of Go, %d refused by a rule stricter than Go that Go accepts%n",
        zips.size(), stricter);
    assertThat(zips).isNotEmpty();
    assertThat(differences).as("zips Go reads otherwise").isEmpty();
  }
}
