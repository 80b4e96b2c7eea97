package dev.modmirror.adapters.http;

import dev.modmirror.core.auth.TokenFile;
import dev.modmirror.core.auth.TokenVerifier;
import dev.modmirror.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token file of a process, behind a {@link TokenVerifier}: read at start (a bad file stops the
 * start), then read again when it changes (checked at most every two seconds, on the request that
 * comes next) or on {@link #reload()} ({@code POST /admin/reload}). A changed file that does not
 * parse is refused with a warning and the tokens in force stay, so a typo never locks everyone out.
 * Thread-safe.
 */
public final class TokenStore {
  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final long CHECK_EVERY_NANOS = 2_000_000_000L;

  private final Path file;
  private final TokenVerifier verifier;
  private final LongSupplier nanos;
  private long checkedAt;
  private FileTime modified;
  private long size;

  private TokenStore(Path file, TokenVerifier verifier, LongSupplier nanos) {
    this.file = file;
    this.verifier = verifier;
    this.nanos = nanos;
  }

  /**
   * @throws InvalidInputException if the file cannot be read or does not parse
   */
  public static TokenStore open(Path file) {
    TokenStore store =
        new TokenStore(file, new TokenVerifier(java.util.List.of()), System::nanoTime);
    store.load();
    return store;
  }

  /** The verifier, its tokens reloaded first if the file changed. */
  public TokenVerifier verifier() {
    long now = nanos.getAsLong();
    synchronized (this) {
      if (now - checkedAt >= CHECK_EVERY_NANOS) {
        checkedAt = now;
        if (changed()) {
          reloadQuietly();
        }
      }
    }
    return verifier;
  }

  /**
   * Reads the file again.
   *
   * @return how many tokens are in force
   * @throws InvalidInputException if it does not parse; the tokens in force stay
   */
  public synchronized int reload() {
    load();
    return verifier.size();
  }

  public Path file() {
    return file;
  }

  private void reloadQuietly() {
    try {
      load();
      LOG.info("token file {} reloaded: {} tokens", file, verifier.size());
    } catch (InvalidInputException e) {
      LOG.warn(
          "token file {} changed but is refused, keeping the tokens in force: {}",
          file,
          e.getMessage());
    }
  }

  private synchronized void load() {
    try {
      FileTime m = Files.getLastModifiedTime(file);
      long s = Files.size(file);
      verifier.replace(TokenFile.parse(Files.readString(file, StandardCharsets.UTF_8)));
      modified = m;
      size = s;
    } catch (IOException e) {
      throw new InvalidInputException(
          "cannot read the token file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private boolean changed() {
    try {
      return !Files.getLastModifiedTime(file).equals(modified) || Files.size(file) != size;
    } catch (IOException e) {
      return false;
    }
  }
}
