package dev.modmirror.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An opened object with its size and entity tag, read in one round trip: what an HTTP answer needs
 * before its first body byte. The caller streams {@link #content()} and closes this.
 */
public record StoredObject(InputStream content, ObjectStat stat) implements Closeable {
  public StoredObject {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(stat, "stat");
  }

  @Override
  public void close() throws IOException {
    content.close();
  }
}
