package dev.modmirror.ingest.webhook;

import java.util.Locale;

/** Who sends a webhook, which decides how it is authenticated and read. */
public enum Provider {
  /** {@code X-Hub-Signature-256}, {@code X-GitHub-Event}, {@code X-GitHub-Delivery}. */
  GITHUB,
  /** {@code X-Gitlab-Token}, {@code X-Gitlab-Event}, {@code X-Gitlab-Event-UUID}. */
  GITLAB,
  /**
   * {@code Authorization: Bearer <token>}; body {@code {"repository": URL, "ref": "refs/…",
   * "after": commit, "delivery": id}}.
   */
  GENERIC;

  /** Lower case, as in routes, delivery keys and metrics. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
