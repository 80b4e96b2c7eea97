package dev.modmirror.fuzz;

import dev.modmirror.core.error.InvalidInputException;
import dev.modmirror.core.gomod.GoModCheck;
import dev.modmirror.core.gomod.GoModParser;
import dev.modmirror.core.hash.DirHash;
import dev.modmirror.core.module.GoFold;
import dev.modmirror.core.module.InfoFile;
import dev.modmirror.core.module.ModuleLimits;
import dev.modmirror.core.module.ModulePaths;
import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.core.module.PrefixPatterns;
import dev.modmirror.core.sumdb.SumDbLines;
import dev.modmirror.core.sumdb.Tree;
import dev.modmirror.core.zip.ZipRuleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** modmirror's verdict on a case: the same core code the warmer runs. */
final class Ours {
  private final Path scratch;

  Ours(Path scratch) {
    this.scratch = scratch;
  }

  Verdict judge(Case c) {
    try {
      return switch (c.kind()) {
        case "zip" -> zip(c);
        case "info" -> {
          InfoFile info = InfoFile.check(c.args().get(2), ref(c));
          Instant t = info.time().orElse(Instant.parse("0001-01-01T00:00:00Z"));
          yield Verdict.accept(info.version() + " " + t.getEpochSecond() + "." + t.getNano());
        }
        case "mod" -> {
          GoModCheck.check(c.args().get(2), ref(c));
          yield Verdict.accept(DirHash.hashGoMod(c.args().get(2)));
        }
        case "gomod" -> {
          GoModParser.parse("go.mod", new String(c.args().get(0), StandardCharsets.UTF_8));
          yield Verdict.accept("");
        }
        case "checkpath" -> {
          ModulePaths.checkPath(c.text(0));
          yield Verdict.accept("");
        }
        case "escape" -> Verdict.accept(ModulePaths.escapePath(c.text(0)));
        case "nosumdb" ->
            Verdict.accept(String.valueOf(PrefixPatterns.matches(c.text(0), c.text(1))));
        case "tree" -> {
          Tree t = Tree.parse(c.text(0));
          yield Verdict.accept(t.n() + " " + t.hash());
        }
        case "sumdbline" -> sumdbLine(c);
        case "fold" -> Verdict.accept(GoFold.zipKey(c.text(0)));
        default -> throw new IllegalArgumentException("unknown case kind " + c.kind());
      };
    } catch (ZipRuleException e) {
      return e.rule().stricterThanGo()
          ? Verdict.refuseDeliberately(e.rule().id())
          : Verdict.refuse(e.rule().id());
    } catch (InvalidInputException e) {
      return Verdict.refuse(e.getMessage());
    }
  }

  private static ModuleRef ref(Case c) {
    return ModuleRef.of(c.text(0), c.text(1));
  }

  private Verdict zip(Case c) {
    Path file = scratch.resolve("case.zip");
    try {
      Files.write(file, c.args().get(2));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Verdict.accept(DirHash.verifyZip(file, ref(c), ModuleLimits.DEFAULT).h1());
  }

  private static Verdict sumdbLine(Case c) {
    String version = c.text(1);
    boolean goMod = version.endsWith("/go.mod");
    ModuleRef ref =
        ModuleRef.of(c.text(0), goMod ? version.substring(0, version.length() - 7) : version);
    Optional<String> h = SumDbLines.firstHash(ref, goMod, c.text(3));
    if (h.isEmpty()) {
      return Verdict.refuse("checksum missing");
    }
    return h.get().equals(c.text(2)) ? Verdict.accept("") : Verdict.refuse("checksum mismatch");
  }
}
