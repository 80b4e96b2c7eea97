package dev.modmirror.core.testdata;

import dev.modmirror.gotool.GoOracle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How the Go oracle referees the case tables ({@code <package>/cases/*.txt}): for each table, which
 * oracle case kind a row is asked as and how Go's answer is written in the table's own words, so
 * that {@code CaseTablesGoIT} can compare Go's answer with the row's {@code =>} outcome.
 *
 * <p>Every table is either refereed here ({@link #REFEREED}) or listed in {@link #NO_REFEREE} with
 * the reason; a row class (a table's first argument, such as {@code read} in tiles) that has no Go
 * function to ask is listed there too. {@link #DELIBERATE} names the rows where modmirror answers
 * otherwise than Go on purpose, with the reason (the tables say so in their comments as well).
 * {@code CaseTablesClassifiedTest} fails for a table that is in neither list, so a new table cannot
 * escape the referee silently.
 */
final class GoReferee {
  private GoReferee() {}

  /**
   * One row as asked of Go.
   *
   * @param query the oracle case
   * @param words Go's answer in the table's words
   * @param same whether Go's words and the row's outcome agree (equality unless a table says how)
   */
  record Asked(
      GoOracle.Query query,
      Function<GoOracle.Answer, String> words,
      BiPredicate<String, String> same) {
    Asked(GoOracle.Query query, Function<GoOracle.Answer, String> words) {
      this(query, words, String::equals);
    }
  }

  /** A table's rows as asked of Go; null for a row of a class that has no referee. */
  interface Table extends Function<CaseTable.Row, Asked> {}

  /** The refereed tables, by resource path under {@code dev/modmirror/core/}. */
  static final Map<String, Table> REFEREED =
      Map.ofEntries(
          Map.entry("module/cases/pseudo-versions.txt", GoReferee::pseudoVersion),
          Map.entry("module/cases/file-paths.txt", r -> pathRule(r, "checkfilepath", "file")),
          Map.entry("module/cases/import-paths.txt", r -> pathRule(r, "checkimportpath", "import")),
          Map.entry("module/cases/module-paths.txt", r -> pathRule(r, "checkpath", "module")),
          Map.entry("module/cases/escapes.txt", GoReferee::escape),
          Map.entry("module/cases/semver.txt", GoReferee::semver),
          Map.entry("module/cases/globs.txt", GoReferee::glob),
          Map.entry("module/cases/path-versions.txt", GoReferee::pathVersion),
          Map.entry("module/cases/quote.txt", GoReferee::quote),
          Map.entry("module/cases/info-files.txt", GoReferee::info),
          Map.entry(
              "module/cases/fold-keys.txt",
              r -> new Asked(query("fold", r.arg(0)), a -> a.result())),
          Map.entry("gomod/cases/directives.txt", GoReferee::goMod),
          Map.entry("gomod/cases/strings.txt", GoReferee::goMod),
          Map.entry("hash/cases/dirhash.txt", GoReferee::dirHash),
          Map.entry("sumdb/cases/lookup-records.txt", GoReferee::lookupRecord),
          Map.entry("sumdb/cases/tiles.txt", GoReferee::tile),
          Map.entry("sumdb/cases/notes.txt", GoReferee::note));

  /** Tables, and row classes ({@code table op}), that no Go function can answer, and why. */
  static final Map<String, String> NO_REFEREE =
      Map.ofEntries(
          Map.entry("config/cases/settings.txt", "modmirror's own configuration: Go has none"),
          Map.entry("io/cases/bounded.txt", "modmirror's own bounded reads: Go has none"),
          Map.entry(
              "event/cases/consumptions.txt",
              "modmirror's own consumer settings and retry backoff: Go has none"),
          Map.entry(
              "gomod/cases/work.txt",
              "counts our parser's steps (its linearity bound), not what it reads"),
          Map.entry(
              "hash/cases/go-sum-lines.txt",
              "cmd/go reads go.sum in cmd/go/internal/modfetch, which no program can import"),
          Map.entry(
              "module/cases/refs.txt",
              "ModuleRef's own syntax (module@version) and order; the path and version rules it"
                  + " applies are refereed in module-paths, semver and path-versions"),
          Map.entry(
              "sumdb/cases/lookups.txt",
              "scenarios of a checksum database that lies; x/mod's client has no such database"),
          Map.entry(
              "sumdb/cases/proofs.txt",
              "proofs over our test log: the tlog functions are refereed through tiles and lookups"
                  + " (TestSumDb builds its tiles with our code, checked against Go's tile layout)"),
          Map.entry(
              "sumdb/cases/sumdb-names.txt",
              "cmd/go checks GOSUMDB names in cmd/go/internal/modfetch, which cannot be imported"),
          Map.entry(
              "sumdb/cases/tiles.txt read",
              "scenarios of a tile server that lies, read through our TileHashReader"),
          Map.entry(
              "sumdb/cases/notes.txt sign",
              "signatures are random in x/mod (ed25519 over a fresh key): the table pins ours"),
          Map.entry(
              "sumdb/cases/notes.txt signatures",
              "notes signed by our signer; their verification is refereed by the lookups"),
          Map.entry(
              "zip/cases",
              "txtar zips, refereed by ZipCasesGoIT (with tables/hostile.txt) through the zip kind"));

  /** Rows ({@code table args…}) where modmirror differs from Go on purpose, and why. */
  static final Map<String, String> DELIBERATE =
      Map.ofEntries(
          windows("replace a.b/m => C:\\dir"),
          windows("replace a.b/m => .\\x"),
          windows("replace a.b/m => ..\\x"),
          windows("replace a.b/m => \\x"),
          windows("replace a.b/m => ./x\\y"),
          Map.entry(
              "hash/cases/dirhash.txt a\nb x", "our refusal names the file; Go's message does not"),
          Map.entry(
              "hash/cases/dirhash.txt \nb x", "our refusal names the file; Go's message does not"),
          Map.entry(
              "sumdb/cases/lookup-records.txt -1\na\n\nN",
              "a signed record index is refused (strconv.ParseInt takes it)"),
          Map.entry(
              "sumdb/cases/lookup-records.txt +1\na\n\nN",
              "a signed record index is refused (strconv.ParseInt takes it)"),
          Map.entry(
              "sumdb/cases/tiles.txt parse tile/8/1234567890/000",
              "a tile level of ten digits is refused (levels are below 64)"),
          Map.entry(
              "module/cases/info-files.txt {\"Version\":\"v1.2.3\"} 65537",
              "the .info size limit is ours (ModuleLimits.MAX_INFO); the go command sets none"));

  private static Map.Entry<String, String> windows(String directive) {
    return Map.entry(
        "gomod/cases/directives.txt " + directive,
        "a backslash directory is read as go on Windows reads it (docs/architecture.md)");
  }

  /**
   * Every case table of core's tests: {@code <package>/cases/*.txt} under {@code
   * dev/modmirror/core/}, sorted (txtar case directories, such as zip's, by their directory).
   */
  static List<String> tables() {
    try {
      Path root = Path.of(GoReferee.class.getResource("/dev/modmirror/core").toURI());
      try (Stream<Path> files = Files.walk(root)) {
        return files
            .filter(f -> f.getParent().getFileName().toString().equals("cases"))
            .filter(f -> f.getFileName().toString().endsWith(".txt"))
            .map(f -> root.relativize(f).toString().replace('\\', '/'))
            .map(t -> isTxtar(t) ? t.substring(0, t.lastIndexOf('/')) : t)
            .distinct()
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A case file that holds files ({@code -- NAME --} markers) or says what it wants ({@code want=},
   * a zip with no entries) is a txtar archive, not a table.
   */
  private static boolean isTxtar(String file) {
    String text = CaseTable.Resources.text(GoReferee.class, "/dev/modmirror/core/" + file);
    Txtar txtar = Txtar.parse(file, text);
    return !txtar.files().isEmpty() || txtar.param("want").isPresent();
  }

  /** The rows of {@code table} (a path under {@code dev/modmirror/core/}). */
  static List<CaseTable.Row> rows(String table) {
    return CaseTable.parse(
        table, CaseTable.Resources.text(GoReferee.class, "/dev/modmirror/core/" + table));
  }

  /** The key of a row in {@link #DELIBERATE}: its table and its arguments. */
  static String rowKey(String table, CaseTable.Row row) {
    return table + " " + String.join(" ", row.args());
  }

  /**
   * A Java string as the bytes Go sees: UTF-8, with an unpaired surrogate (which the tables use for
   * Go's invalid UTF-8) written as its three WTF-8 bytes, which Go's UTF-8 decoding refuses.
   */
  static byte[] goBytes(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp < 0x80) {
        out.write(cp);
      } else if (cp < 0x800) {
        out.write(0xc0 | cp >> 6);
        out.write(0x80 | cp & 0x3f);
      } else if (cp < 0x10000) {
        out.write(0xe0 | cp >> 12);
        out.write(0x80 | cp >> 6 & 0x3f);
        out.write(0x80 | cp & 0x3f);
      } else {
        out.write(0xf0 | cp >> 18);
        out.write(0x80 | cp >> 12 & 0x3f);
        out.write(0x80 | cp >> 6 & 0x3f);
        out.write(0x80 | cp & 0x3f);
      }
      i += Character.charCount(cp);
    }
    return out.toByteArray();
  }

  private static GoOracle.Query query(String kind, String... args) {
    Object[] bytes = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = goBytes(args[i]);
    }
    return GoOracle.Query.of(kind, bytes);
  }

  private static Asked pseudoVersion(CaseTable.Row r) {
    return new Asked(
        query("pseudo", r.arg(0)),
        a -> {
          if (!a.ok()) {
            return "not pseudo";
          }
          List<String> p = a.results();
          return "base=%s stamp=%s time=%s rev=%s build=%s"
              .formatted(p.get(0), p.get(1), p.get(4), p.get(2), p.get(3));
        });
  }

  /** The reason of x/mod's {@code malformed <kind> path "<path>": <reason>}. */
  private static Asked pathRule(CaseTable.Row r, String kind, String noun) {
    return new Asked(
        query(kind, r.arg(0)),
        a -> a.ok() ? "ok" : afterQuoted(a.error(), "malformed " + noun + " path ", ": "));
  }

  /**
   * The text after {@code prefix}, a Go-quoted string and {@code suffix}; the whole message when it
   * does not have that shape.
   */
  static String afterQuoted(String message, String prefix, String suffix) {
    if (!message.startsWith(prefix + "\"")) {
      return message;
    }
    for (int i = prefix.length() + 1; i < message.length(); i++) {
      char c = message.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return message.startsWith(suffix, i + 1)
            ? message.substring(i + 1 + suffix.length())
            : message;
      }
    }
    return message;
  }

  private static Asked escape(CaseTable.Row r) {
    String kind =
        switch (r.arg(0)) {
          case "escape-path" -> "escape";
          case "unescape-path" -> "unescape";
          case "escape-version" -> "escapeversion";
          case "unescape-version" -> "unescapeversion";
          default -> throw new IllegalArgumentException(r.where() + ": unknown op " + r.arg(0));
        };
    return new Asked(query(kind, r.arg(1)), a -> a.ok() ? a.result() : "error " + a.error());
  }

  private static Asked semver(CaseTable.Row r) {
    return switch (r.arg(0)) {
      case "compare" -> new Asked(query("semvercompare", r.arg(1), r.arg(2)), a -> a.result());
      case "canonical" ->
          new Asked(query("canonical", r.arg(1)), a -> a.ok() ? a.result() : "invalid");
      case "parts" ->
          new Asked(
              query("semverparts", r.arg(1)),
              a ->
                  "major=%s prerelease=%s build=%s"
                      .formatted(a.results().get(0), a.results().get(1), a.results().get(2)));
      default -> null;
    };
  }

  private static Asked glob(CaseTable.Row r) {
    return switch (r.arg(0)) {
      case "match" ->
          new Asked(query("match", r.arg(1), r.arg(2)), a -> a.ok() ? a.result() : "bad pattern");
      case "prefix" -> new Asked(query("nosumdb", r.arg(1), r.arg(2)), a -> a.result());
      default -> null;
    };
  }

  private static Asked pathVersion(CaseTable.Row r) {
    return switch (r.arg(0)) {
      case "split" ->
          new Asked(
              query("splitpathversion", r.arg(1)),
              a ->
                  a.ok()
                      ? "prefix=" + a.results().get(0) + " major=" + a.results().get(1)
                      : "invalid");
      case "path-major" ->
          new Asked(
              query("checkpathmajor", r.arg(1), r.arg(2)),
              a -> a.ok() ? "ok" : afterQuoted(a.error(), "version ", " invalid: "));
      default -> null;
    };
  }

  private static Asked quote(CaseTable.Row r) {
    String kind = r.arg(0).equals("string") ? "quote" : "quoterune";
    return new Asked(query(kind, r.arg(1)), a -> "as " + a.result());
  }

  /**
   * cmd/go's proxyRepo.Stat on the row's .info for example.com/m v1.2.3: the verdict, and the Time
   * where the row names one (Go's json and time messages are not ours word for word).
   */
  private static Asked info(CaseTable.Row r) {
    String json = InfoRows.json(r);
    Optional<Instant> time = InfoRows.time(r);
    return new Asked(
        GoOracle.Query.of("info", "example.com/m", "v1.2.3", goBytes(json)),
        a -> {
          if (!a.ok()) {
            return "error " + a.error();
          }
          // Go's Time as "Unix seconds.nanoseconds" (the zero time when the .info has none).
          String[] t = a.results().get(1).split("\\.");
          Instant got = Instant.ofEpochSecond(Long.parseLong(t[0]), Long.parseLong(t[1]));
          return time.isPresent() ? "ok " + got : "ok";
        },
        (go, want) ->
            time.isPresent()
                ? go.equals("ok " + time.get())
                : go.equals("ok") == InfoRows.accepted(r));
  }

  /**
   * modfile.Parse: what it read, directives joined by {@code "; "}, or its error. Go names only the
   * line (and may put {@code verb path: } before the message); the column is ours, so an error
   * agrees when the line agrees and Go's message is ours or ends with {@code ": "} and ours.
   */
  private static Asked goMod(CaseTable.Row r) {
    return new Asked(
        query("modfile", r.arg(0)),
        a -> a.ok() ? String.join("; ", a.results()) : "error " + a.error(),
        (go, want) -> go.equals(want) || sameGoModError(go, want));
  }

  private static boolean sameGoModError(String go, String want) {
    String prefix = "error go.mod:";
    if (!go.startsWith(prefix) || !want.startsWith("error ")) {
      return false;
    }
    String ours = want.substring("error ".length());
    String gos = go.substring(prefix.length());
    int oi = ours.indexOf(':');
    int gi = gos.indexOf(':');
    if (oi < 0 || gi < 0 || !ours.substring(0, oi).equals(gos.substring(0, gi))) {
      return false;
    }
    int om = ours.indexOf(": ");
    int gm = gos.indexOf(": ");
    if (om < 0 || gm < 0) {
      return false;
    }
    String ourMessage = ours.substring(om + 2);
    String goMessage = gos.substring(gm + 2);
    return goMessage.equals(ourMessage) || goMessage.endsWith(": " + ourMessage);
  }

  private static Asked dirHash(CaseTable.Row r) {
    return new Asked(
        query("hash1", r.args().toArray(String[]::new)),
        a -> a.ok() ? a.result() : "error " + a.error());
  }

  /** tlog.ParseRecord over bytes: the table's {@code \xHH} is one byte. */
  private static Asked lookupRecord(CaseTable.Row r) {
    byte[] bytes = r.arg(0).getBytes(StandardCharsets.ISO_8859_1);
    return new Asked(
        GoOracle.Query.of("record", bytes),
        a ->
            a.ok()
                ? "id=%s text=[%s] note=[%s]"
                    .formatted(
                        a.results().get(0), show(a.results().get(1)), show(a.results().get(2)))
                : "malformed");
  }

  /** Control characters escaped as the lookup-records table writes them. */
  private static String show(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (c == '\n') {
                b.append("\\n");
              } else if (c == '\t') {
                b.append("\\t");
              } else if (c < 0x20 || c == 0x7f) {
                b.append("\\x%02x".formatted(c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  private static Asked tile(CaseTable.Row r) {
    return switch (r.arg(0)) {
      case "parse" ->
          new Asked(
              query("tileparse", r.arg(1)),
              a ->
                  a.ok()
                      ? "h=%s l=%s n=%s w=%s"
                          .formatted(
                              a.results().get(0),
                              a.results().get(1),
                              a.results().get(2),
                              a.results().get(3))
                      : "malformed");
      case "for-index" -> new Asked(query("tileforindex", r.arg(1), r.arg(2)), a -> a.result());
      case "new-tiles" ->
          new Asked(
              query("newtiles", r.arg(1), r.arg(2), r.arg(3)), a -> String.join(" ", a.results()));
      case "hash-at" ->
          new Asked(
              query("hashfromtile", r.args().subList(1, 7).toArray(String[]::new)),
              a -> a.ok() ? "ok" : "error " + a.error());
      default -> null;
    };
  }

  private static Asked note(CaseTable.Row r) {
    if (!r.arg(0).equals("key-name")) {
      return null;
    }
    return new Asked(query("notekeyname", r.arg(1)), a -> a.ok() ? "valid" : "invalid");
  }
}
