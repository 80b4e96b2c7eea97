package dev.modmirror.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One fuzz case: an oracle case kind and its arguments. Zip cases keep the structure they were
 * written from, so that a disagreement can be shrunk.
 *
 * @param kind the oracle kind ({@code zip}, {@code info}, {@code mod}, {@code tree}…)
 * @param args the arguments, as the oracle receives them
 * @param zip the structure of a zip case, else null
 */
public record Case(String kind, List<byte[]> args, ZipForge zip) {
  public Case {
    args = List.copyOf(args);
  }

  /** A case of text arguments. */
  public static Case of(String kind, String... args) {
    List<byte[]> bytes = new ArrayList<>();
    for (String a : args) {
      bytes.add(a.getBytes(StandardCharsets.UTF_8));
    }
    return new Case(kind, bytes, null);
  }

  /** A case whose last argument is raw bytes. */
  public static Case withBytes(String kind, byte[] last, String... args) {
    List<byte[]> bytes = new ArrayList<>();
    for (String a : args) {
      bytes.add(a.getBytes(StandardCharsets.UTF_8));
    }
    bytes.add(last);
    return new Case(kind, bytes, null);
  }

  /** A zip case for {@code module@version}. */
  public static Case zip(String module, String version, ZipForge forge) {
    return new Case(
        "zip",
        List.of(
            module.getBytes(StandardCharsets.UTF_8),
            version.getBytes(StandardCharsets.UTF_8),
            forge.bytes()),
        forge);
  }

  /** Argument {@code i} as UTF-8 text. */
  public String text(int i) {
    return new String(args.get(i), StandardCharsets.UTF_8);
  }
}
