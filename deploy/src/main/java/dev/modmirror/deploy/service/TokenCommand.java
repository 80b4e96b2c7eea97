package dev.modmirror.deploy.service;

import dev.modmirror.core.auth.ApiToken;
import dev.modmirror.core.auth.Role;
import dev.modmirror.core.auth.TokenEntry;
import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code modmirror token create|list|revoke}: API tokens for the HTTP surfaces. {@code create}
 * prints a new token once, on standard output alone (so a script can capture it), and stores only
 * its SHA-256 in the token file ({@code --file}, else {@code MODMIRROR_AUTH_TOKENS_FILE}); with
 * {@code --print-line} it writes nothing and prints the file line on standard error instead, for a
 * token file kept in a Kubernetes Secret. Services read the file again when it changes.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Creates, lists and revokes API tokens (the token file holds hashes only).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
public final class TokenCommand {

  private TokenCommand() {}

  /** {@code token create}. */
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a token.")
  public static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--role", required = true, description = "reader, developer or admin.")
    String role;

    @Option(
        names = "--modules",
        description =
            "GOPRIVATE-style globs the token may act on (private ones included); default: every"
                + " public module.")
    String modules;

    @Option(names = "--id", description = "Its name in logs and the file (default: role-<hex>).")
    String id;

    @Option(names = "--file", description = "The token file (default: MODMIRROR_AUTH_TOKENS_FILE).")
    Path file;

    @Option(names = "--print-line", description = "Write no file; print its line on stderr.")
    boolean printLine;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Role r = Role.parse(role);
      String globs = modules == null ? "" : modules.strip();
      if (globs.chars().anyMatch(Character::isWhitespace)) {
        throw new InvalidInputException("--modules: globs separated by commas, no blanks");
      }
      String name = id != null ? id : r.label() + "-" + HexFormat.of().formatHex(random(4));
      String token = ApiToken.generate();
      TokenEntry entry = new TokenEntry(name, r, ApiToken.hash(token), globs);
      if (printLine) {
        err.println("add this line to the token file:");
        err.println(TokenFile.line(entry));
      } else {
        Path target = file(file);
        append(target, entry);
        err.println(
            "token "
                + name
                + " ("
                + r.label()
                + ") stored in "
                + target
                + "; it is shown this once and cannot be shown again");
      }
      out.println(token);
      out.flush();
      return 0;
    }
  }

  /** {@code token list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists tokens.")
  public static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--file", description = "The token file (default: MODMIRROR_AUTH_TOKENS_FILE).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      for (TokenEntry e : read(file(file))) {
        out.printf(
            "%-24s %-10s %s%n",
            e.id(), e.role().label(), e.modules().isEmpty() ? "-" : e.modules());
      }
      return 0;
    }
  }

  /** {@code token revoke}. */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Removes a token.")
  public static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, description = "The token's id.")
    String id;

    @Option(names = "--file", description = "The token file (default: MODMIRROR_AUTH_TOKENS_FILE).")
    Path file;

    @Override
    public Integer call() {
      Path target = file(file);
      List<TokenEntry> entries = new ArrayList<>(read(target));
      if (!entries.removeIf(e -> e.id().equals(id))) {
        throw new InvalidInputException("no token with id " + id + " in " + target);
      }
      StringBuilder text = new StringBuilder();
      entries.forEach(e -> text.append(TokenFile.line(e)).append('\n'));
      write(target, text.toString());
      spec.commandLine()
          .getErr()
          .println("token " + id + " revoked; services drop it within seconds");
      return 0;
    }
  }

  private static Path file(Path given) {
    return Optional.ofNullable(given)
        .or(
            () ->
                Optional.ofNullable(System.getenv("MODMIRROR_AUTH_TOKENS_FILE"))
                    .filter(v -> !v.isBlank())
                    .map(Path::of))
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "no token file: give --file or set MODMIRROR_AUTH_TOKENS_FILE (or use"
                        + " --print-line)"));
  }

  private static List<TokenEntry> read(Path file) {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return TokenFile.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void append(Path file, TokenEntry entry) {
    if (read(file).stream().anyMatch(e -> e.id().equals(entry.id()))) {
      throw new InvalidInputException("a token with id " + entry.id() + " exists in " + file);
    }
    try {
      if (!Files.exists(file)) {
        write(file, "# modmirror API tokens: id role sha256:<hash> [module globs]\n");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String sep = text.isEmpty() || text.endsWith("\n") ? "" : "\n";
      Files.writeString(
          file,
          sep + TokenFile.line(entry) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Writes through a temporary file and a rename, owner-only, so readers never see half a file. */
  private static void write(Path file, String text) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tokens-", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: its own ACLs apply.
      }
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
