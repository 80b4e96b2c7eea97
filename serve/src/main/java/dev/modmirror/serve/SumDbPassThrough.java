package dev.modmirror.serve;

import dev.modmirror.core.sumdb.SumDbTransport;
import java.util.Objects;

/**
 * The checksum database that {@code /sumdb/<name>/…} passes through to: the one the mirror's own
 * GOSUMDB names, reached as the warmer reaches it (or a copy of its lookups and tiles on disk).
 *
 * @param name the database name that clients ask for, e.g. {@code sum.golang.org}
 * @param transport gets {@code /lookup/…}, {@code /tile/…} and {@code /latest} from it
 */
public record SumDbPassThrough(String name, SumDbTransport transport) {
  public SumDbPassThrough {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transport, "transport");
  }
}
