package dev.modmirror.core.zip;

import dev.modmirror.core.module.ModuleRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.ZipFile;

/**
 * Checks a module zip on disk against the module zip rules.
 *
 * <p>FOUNDATION VERSION: checks the prefix rule only; the protocol work owns the full rule set.
 */
public final class ModuleZipVerifier {
  private ModuleZipVerifier() {}

  /**
   * @throws ZipRuleException naming the first rule the zip breaks
   */
  public static void verify(Path zip, ModuleRef ref) {
    String prefix = ref.path().value() + "@" + ref.version().value() + "/";
    String module = ref.path().value();
    String version = ref.version().value();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      var entries = file.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (!name.startsWith(prefix)) {
          throw new ZipRuleException(
              "wrong-prefix", "entry " + name + " is not under " + prefix, module, version);
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new ZipRuleException("not-a-zip", e.getMessage(), module, version);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
