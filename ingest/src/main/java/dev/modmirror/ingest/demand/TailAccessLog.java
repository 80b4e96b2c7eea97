package dev.modmirror.ingest.demand;

import dev.modmirror.core.error.ModmirrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a proxy's access log like {@code tail -F}: reads lines as they are appended, reopens the
 * file from its start when it was rotated (another file under the name, or shorter than what was
 * read), and hands each GET request line to {@link RecordDemand}. A line not yet ended by a newline
 * waits for its end. Starts at the end of the file (old lines are not replayed) unless told to read
 * it from the start.
 */
public final class TailAccessLog implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TailAccessLog.class);
  private static final int MAX_LINE = 16_384;

  private final Path file;
  private final AccessLogLine.Format format;
  private final RecordDemand demand;
  private final Duration poll;
  private final boolean fromStart;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);
  private final String origin;

  public TailAccessLog(
      Path file,
      AccessLogLine.Format format,
      RecordDemand demand,
      Duration poll,
      boolean fromStart) {
    this.file = file;
    this.format = format;
    this.demand = demand;
    this.poll = poll;
    this.fromStart = fromStart;
    this.origin = format.name().toLowerCase(java.util.Locale.ROOT) + ":" + file;
  }

  /** Waits until the file was opened (and its start position taken), at most {@code timeout}. */
  public boolean awaitOpened(Duration timeout) throws InterruptedException {
    return opened.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void stop() {
    stop.countDown();
  }

  @Override
  public void run() {
    boolean first = true;
    while (stop.getCount() > 0) {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        long position = first && !fromStart ? channel.size() : 0;
        first = false;
        opened.countDown();
        follow(channel, key, position);
      } catch (NoSuchFileException e) {
        first = false; // a file that appears later is read from its start
        pause();
      } catch (IOException e) {
        LOG.warn("access log {}: {}", file, e.toString());
        pause();
      }
    }
  }

  private void follow(FileChannel channel, Object key, long start) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    StringBuilder partial = new StringBuilder();
    long position = start;
    while (stop.getCount() > 0) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n > 0) {
        position += n;
        buffer.flip();
        partial.append(StandardCharsets.UTF_8.decode(buffer));
        emitLines(partial);
        continue;
      }
      if (rotated(channel, key, position)) {
        return;
      }
      pause();
    }
  }

  private boolean rotated(FileChannel channel, Object key, long position) throws IOException {
    try {
      Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
      return channel.size() < position || (key != null && !key.equals(now));
    } catch (NoSuchFileException e) {
      return false; // moved away, the new one not there yet: keep reading the old one
    }
  }

  private void emitLines(StringBuilder partial) {
    int start = 0;
    for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", start)) {
      line(partial.substring(start, nl));
      start = nl + 1;
    }
    partial.delete(0, start);
    if (partial.length() > MAX_LINE) {
      partial.setLength(0); // a line this long is not an access log line
    }
  }

  private void line(String text) {
    AccessLogLine.parse(format, text)
        .filter(l -> l.method().equals("GET"))
        .ifPresent(
            l -> {
              try {
                demand.record(l.path(), l.at(), origin);
              } catch (ModmirrorException e) {
                LOG.warn("access log {}: demand not published: {}", file, e.getMessage());
              }
            });
  }

  private void pause() {
    try {
      stop.await(poll.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop.countDown();
    }
  }
}
