package dev.modmirror.deploy.dev;

import dev.modmirror.embedded.module.BuiltModule;
import dev.modmirror.embedded.module.ModuleBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The offline sample that {@code modmirror dev} warms when given no upstream: a few synthetic
 * modules, generated deterministically into a {@code file://} GOPROXY tree, chosen to exercise case
 * encoding, a major-version suffix, nested directories and a pseudo-version.
 */
final class SampleUpstream {
  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  private SampleUpstream() {}

  static List<BuiltModule> modules() {
    return List.of(
        ModuleBuilder.module("example.com/hello")
            .version("v1.0.0")
            .time(TIME)
            .goMod("module example.com/hello\n\ngo 1.19\n")
            .file("hello.go", "package hello\n\nfunc Hello() string { return \"hello\" }\n")
            .file("LICENSE", "Sample license text.\n")
            .build(),
        ModuleBuilder.module("example.com/Upper/Case")
            .version("v0.2.0")
            .time(TIME)
            .goMod("module example.com/Upper/Case\n\ngo 1.19\n")
            .file("case.go", "package Case\n")
            .file("internal/deep/deep.go", "package deep\n")
            .build(),
        ModuleBuilder.module("example.com/lib/v2")
            .version("v2.1.0")
            .time(TIME)
            .goMod("module example.com/lib/v2\n\ngo 1.19\n\nrequire example.com/hello v1.0.0\n")
            .file("lib.go", "package lib\n")
            .build(),
        ModuleBuilder.module("example.com/tool")
            .version("v0.0.0-20260101000000-abcdefabcdef")
            .time(TIME)
            .file("main.go", "package main\n\nfunc main() {}\n")
            .build());
  }

  /** Writes the sample tree under {@code root} and returns the go.mod that requires it all. */
  static String writeTo(Path root) {
    StringBuilder goMod = new StringBuilder("module example.com/app\n\ngo 1.19\n\nrequire (\n");
    for (BuiltModule module : modules()) {
      module.writeTo(root);
      goMod
          .append('\t')
          .append(module.ref().path().value())
          .append(' ')
          .append(module.ref().version().value())
          .append('\n');
    }
    return goMod.append(")\n").toString();
  }
}
