package dev.modmirror.adapters.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modmirror.core.error.ModmirrorException;
import dev.modmirror.core.error.NotFoundException;
import dev.modmirror.core.error.PermanentException;
import dev.modmirror.core.error.TransientException;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.InsufficientDataException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class S3ErrorsTest {

  @Test
  void missingKeyIsNotFoundButMissingBucketIsPermanent() {
    assertThat(S3Errors.isMissingObject(error("NoSuchKey"))).isTrue();
    assertThat(S3Errors.isMissingObject(error("NoSuchBucket"))).isFalse();
    assertThat(translate(error("NoSuchKey"))).isInstanceOf(NotFoundException.class);
    assertThat(translate(error("NoSuchBucket"))).isInstanceOf(PermanentException.class);
  }

  @Test
  void rejectedCredentialsArePermanent() {
    assertThat(translate(error("AccessDenied"))).isInstanceOf(PermanentException.class);
    assertThat(translate(error("SignatureDoesNotMatch"))).isInstanceOf(PermanentException.class);
  }

  @Test
  void overloadConnectionAndBrokenStreamsAreTransient() {
    assertThat(translate(error("SlowDown"))).isInstanceOf(TransientException.class);
    assertThat(translate(new ServerException("bad gateway", 502, "trace")))
        .isInstanceOf(TransientException.class);
    assertThat(translate(new ConnectException("Connection refused")))
        .isInstanceOf(TransientException.class);
    assertThat(translate(new InsufficientDataException("stream ended early")))
        .isInstanceOf(TransientException.class);
  }

  @Test
  void carriesModuleVersionAndTheOperation() {
    ModmirrorException e = translate(error("AccessDenied"));

    assertThat(e.module()).contains("example.com/a");
    assertThat(e.version()).contains("v1.0.0");
    assertThat(e).hasMessageContaining("put b/k").hasMessageContaining("AccessDenied");
  }

  private static ModmirrorException translate(Exception e) {
    return S3Errors.translate(e, "put b/k", "example.com/a", "v1.0.0");
  }

  private static ErrorResponseException error(String code) {
    return new ErrorResponseException(
        new ErrorResponse(code, code + " message", "b", "k", "/b/k", "req", "host"), null, "trace");
  }
}
