package dev.modmirror.core.module;

import java.util.List;

/**
 * Module path vectors shared by the unit test and the Go referee test: each path with the reason
 * x/mod gives for rejecting it, or null when it is valid.
 */
final class PathVectors {
  record Vector(String path, String reason) {
    boolean valid() {
      return reason == null;
    }
  }

  private PathVectors() {}

  static final List<Vector> MODULE_PATHS =
      List.of(
          ok("example.com"),
          ok("example.com/m"),
          ok("github.com/Azure/azure-sdk-for-go"),
          ok("x.y/z_~-.q"),
          ok("example.com/m/v2"),
          ok("example.com/m/v10"),
          ok("example.com/v2"),
          ok("gopkg.in/yaml.v2"),
          ok("gopkg.in/yaml.v0"),
          ok("gopkg.in/check.v1"),
          ok("gopkg.in/user/pkg.v3-unstable"),
          ok("example.com/a~b"),
          ok("example.com/a~1b"),
          ok("example.com/con1"),
          ok("example.com/concept"),
          ok("example.com/com10"),
          ok("1.2.3.4/x"),
          ok("ex-ample.com/x"),
          ok("example.com/a.b-c_d"),
          ok("example.com/m/v2.x"),
          bad("example.com/..x", "leading dot in path element"),
          ok("example.com/a..b"),
          bad("", "empty string"),
          bad("example", "missing dot in first path element"),
          bad("localhost/x", "missing dot in first path element"),
          bad("Example.com/x", "invalid char 'E' in first path element"),
          bad("ex_ample.com/x", "invalid char '_' in first path element"),
          bad("ex~ample.com", "invalid char '~' in first path element"),
          bad("-example.com/x", "leading dash"),
          bad("/example.com", "empty path element"),
          bad("example.com/", "trailing slash"),
          bad("example.com//x", "double slash"),
          bad("example.com/.x", "leading dot in path element"),
          bad("example.com/x.", "trailing dot in path element"),
          bad("example.com./x", "trailing dot in path element"),
          bad(".example.com", "leading dot in path element"),
          bad("example.com/..", "invalid path element \"..\""),
          bad("example.com/.", "invalid path element \".\""),
          bad("example.com/a b", "invalid char ' '"),
          bad("example.com/a+b", "invalid char '+'"),
          bad("example.com/a@b", "invalid char '@'"),
          bad("example.com/a!b", "invalid char '!'"),
          bad("example.com/a:b", "invalid char ':'"),
          bad("example.com/a\\b", "invalid char '\\\\'"),
          bad("example.com/\u00e9", "invalid char '\u00e9'"),
          bad("example.com/a\u0000", "invalid char '\\x00'"),
          bad("example.com/con", "\"con\" disallowed as path element component on Windows"),
          bad("example.com/CON", "\"CON\" disallowed as path element component on Windows"),
          bad("example.com/con.txt", "\"con\" disallowed as path element component on Windows"),
          bad("example.com/Aux/x", "\"Aux\" disallowed as path element component on Windows"),
          bad("example.com/nul", "\"nul\" disallowed as path element component on Windows"),
          bad("example.com/prn.go", "\"prn\" disallowed as path element component on Windows"),
          bad("example.com/com1", "\"com1\" disallowed as path element component on Windows"),
          bad("example.com/LPT9.x", "\"LPT9\" disallowed as path element component on Windows"),
          bad("con.example.com/x", "\"con\" disallowed as path element component on Windows"),
          bad("example.com/progra~1", "trailing tilde and digits in path element"),
          bad("example.com/ab~12.x", "trailing tilde and digits in path element"),
          bad("example.com/m/v1", "invalid version"),
          bad("example.com/m/v0", "invalid version"),
          bad("example.com/m/v02", "invalid version"),
          bad("example.com/m/v2.0", "invalid version"),
          bad("example.com/m/v1.5", "invalid version"),
          bad("gopkg.in/yaml", "invalid version"),
          bad("gopkg.in/yaml.v02", "invalid version"),
          bad("gopkg.in/yaml/v2", "invalid version"),
          bad("gopkg.in/yaml.v", "invalid version"));

  private static Vector ok(String path) {
    return new Vector(path, null);
  }

  private static Vector bad(String path, String reason) {
    return new Vector(path, reason);
  }
}
