package dev.modmirror.fuzz.jazzer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modmirror.core.goproxy.ProxyPath;
import dev.modmirror.core.goproxy.ProxyPathException;
import dev.modmirror.core.store.ObjectKeys;
import java.nio.charset.StandardCharsets;

/**
 * Target {@code goproxy}: a raw GOPROXY request path as serve receives it. Only {@link
 * ProxyPathException} may come out; a path that reads names a checked module (and version), so the
 * object key built from it has no {@code ..} element and no backslash.
 */
class ProxyPathFuzzTest {

  @FuzzTest(maxDuration = Targets.MAX_DURATION)
  void parse(byte[] data) {
    String raw = new String(data, StandardCharsets.ISO_8859_1);
    ProxyPath path;
    try {
      path = ProxyPath.parse(raw);
    } catch (ProxyPathException expected) {
      return;
    }
    String key;
    if (path instanceof ProxyPath.VersionFile f) {
      key = ObjectKeys.artifact(f.ref(), f.artifact());
    } else if (path instanceof ProxyPath.VersionList l) {
      key = ObjectKeys.list(l.module());
    } else if (path instanceof ProxyPath.Latest l) {
      key = ObjectKeys.latest(l.module());
    } else {
      ProxyPath.SumDb s = (ProxyPath.SumDb) path;
      key = s.name() + "/" + s.rest();
    }
    for (String element : key.split("/", -1)) {
      if (element.equals("..") || element.equals(".") || element.contains("\\")) {
        throw new AssertionError("request path " + raw + " reads to the key " + key);
      }
    }
  }
}
