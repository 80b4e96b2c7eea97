package dev.modmirror.core.store;

import dev.modmirror.core.module.ModuleVersion;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Rewrites a module's {@code @v/list} until it matches a fresh listing of complete versions.
 *
 * <p>Two writers finishing two versions of one module at once can each list before the other's
 * {@code .info} exists, and the later write would then drop a version. Listing again after each
 * write and rewriting while the listing changed makes the last writer's list complete: its final
 * check happened after its final write, so any {@code .info} stored before that check is in it, and
 * any stored after it belongs to a writer whose own list write comes later still. This needs
 * read-after-write consistent listings, which S3 and MinIO give.
 */
public final class ListRebuild {
  private ListRebuild() {}

  /**
   * @param list lists the complete versions now
   * @param write writes {@code @v/list} with the given versions
   * @param maxWrites bound on rewrites while other writers keep adding versions
   * @return true if the written list matched a listing taken after it was written
   */
  public static boolean converge(
      Supplier<List<ModuleVersion>> list, Consumer<List<ModuleVersion>> write, int maxWrites) {
    List<ModuleVersion> versions = list.get();
    for (int i = 0; i < maxWrites; i++) {
      write.accept(versions);
      List<ModuleVersion> now = list.get();
      if (now.equals(versions)) {
        return true;
      }
      versions = now;
    }
    return false;
  }
}
