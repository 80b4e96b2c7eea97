package dev.modmirror.embedded.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A store that drops {@code If-None-Match} from the PUTs it is handed and writes anyway, as some
 * S3-compatible stores ignore conditional headers. (S3Proxy's handler still checks {@code If-Match}
 * against the current ETag before the store is called, without atomicity.) Only for tests of how
 * modmirror treats such a store: {@link EmbeddedS3.Conditions#IGNORED}.
 */
final class IgnoredConditionalWrites extends ForwardingBlobStore {
  IgnoredConditionalWrites(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
    return delegate().putBlob(request.toBuilder().ifNoneMatch(null).build(), content);
  }
}
