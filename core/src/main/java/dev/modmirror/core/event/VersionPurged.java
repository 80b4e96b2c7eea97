package dev.modmirror.core.event;

import dev.modmirror.core.module.ModuleRef;
import java.time.Instant;
import java.util.List;

/**
 * A module version removed on purpose by {@code modmirror purge} (retracted, malicious, legally
 * removed), from the primary and every region; published to {@link Topics#PURGED}. Its tombstone in
 * the primary keeps reconcile and the warmer from bringing it back until it is un-purged.
 *
 * @param reason the operator's reason, required
 * @param stores the stores it was removed from
 * @param restored true when this records an un-purge (the tombstone removed), false for a purge
 */
public record VersionPurged(
    int schema, ModuleRef ref, String reason, List<String> stores, boolean restored, Instant at)
    implements Event {
  public static final int SCHEMA = 1;

  public VersionPurged {
    Events.checkSchema(schema, SCHEMA, "VersionPurged");
    Events.required(ref, "ref", "VersionPurged");
    Events.text(reason, "reason", "VersionPurged");
    stores = List.copyOf(Events.required(stores, "stores", "VersionPurged"));
    Events.required(at, "at", "VersionPurged");
  }

  public static VersionPurged purged(
      ModuleRef ref, String reason, List<String> stores, Instant at) {
    return new VersionPurged(SCHEMA, ref, reason, stores, false, at);
  }

  public static VersionPurged restored(ModuleRef ref, String reason, Instant at) {
    return new VersionPurged(SCHEMA, ref, reason, List.of(), true, at);
  }
}
