package dev.modmirror.core.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.NotFoundException;
import org.junit.jupiter.api.Test;

class NotMirroredTest {

  @Test
  void theOutcomeIsReadFromTheTypeNotFromTheMessage() {
    NotFoundException secret = NotMirrored.privateModule("corp.example/x", "v1.0.0", "corp.*");
    NotFoundException direct = NotMirrored.direct("example.com/x", "v1.0.0");
    // An upstream's own 404 text may say anything, "private: " included.
    NotFoundException lookalike =
        new NotFoundException("private: no such repository", "example.com/x", "v1.0.0");

    assertThat(secret.absence()).isEqualTo(NotFoundException.Absence.PRIVATE);
    assertThat(NotMirrored.isPrivate(secret)).isTrue();
    assertThat(NotMirrored.isDirect(secret)).isFalse();
    assertThat(direct.absence()).isEqualTo(NotFoundException.Absence.DIRECT);
    assertThat(NotMirrored.isDirect(direct)).isTrue();
    assertThat(NotMirrored.isPrivate(direct)).isFalse();
    assertThat(lookalike.absence()).isEqualTo(NotFoundException.Absence.MISSING);
    assertThat(NotMirrored.isPrivate(lookalike)).isFalse();
    assertThat(NotMirrored.isDirect(lookalike)).isFalse();
    assertThat(secret.getMessage()).startsWith(NotMirrored.PRIVATE_PREFIX);
  }
}
