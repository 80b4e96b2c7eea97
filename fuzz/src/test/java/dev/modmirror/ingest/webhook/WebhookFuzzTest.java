package dev.modmirror.ingest.webhook;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.error.InvalidInputException;
import java.util.Arrays;

/**
 * Target {@code webhook}: a push webhook's body, after its signature was accepted, read by {@link
 * Payloads} for each provider (the first byte chooses GitHub, GitLab or the generic form). Only
 * {@link InvalidInputException} (answered 400) may come out; a push read names an http(s)
 * repository URL with a host. It lives in ingest's package because the reader is package-private.
 */
class WebhookFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void read(byte[] data) {
    if (data.length == 0) {
      return;
    }
    Provider provider = Provider.values()[(data[0] & 0xff) % Provider.values().length];
    byte[] body = Arrays.copyOfRange(data, 1, data.length);
    Push push;
    try {
      push = Payloads.read(provider, body);
    } catch (InvalidInputException expected) {
      return;
    }
    if (push.repositoryUrl().getHost() == null) {
      throw new AssertionError("a push without a host was read: " + push.repositoryUrl());
    }
  }
}
