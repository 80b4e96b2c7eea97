package dev.modmirror.adapters.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .netrc} file read exactly as the go command reads it (cmd/go/internal/auth parseNetrc):
 * {@code machine}, {@code login} and {@code password} tokens, a {@code macdef} skipped to the next
 * empty line, reading stopped at {@code default}; an entry counts once it has all three.
 */
final class Netrc {
  /** One complete entry. Its password is secret: {@link #toString()} hides it. */
  record Entry(String machine, String login, String password) {
    @Override
    public String toString() {
      return "Entry[machine=" + machine + ", login=" + login + ", password=xxxxx]";
    }
  }

  private Netrc() {}

  static List<Entry> parse(String data) {
    List<Entry> entries = new ArrayList<>();
    String machine = "";
    String login = "";
    String password = "";
    boolean inMacro = false;
    for (String line : data.split("\n", -1)) {
      if (inMacro) {
        inMacro = !line.isEmpty();
        continue;
      }
      String[] f = line.strip().isEmpty() ? new String[0] : line.strip().split("\\s+");
      int i = 0;
      for (; i < f.length - 1; i += 2) {
        switch (f[i]) {
          case "machine" -> {
            machine = f[i + 1];
            login = "";
            password = "";
          }
          case "login" -> login = f[i + 1];
          case "password" -> password = f[i + 1];
          case "macdef" -> inMacro = true;
          default -> {
            // "default" and unknown tokens: nothing to keep.
          }
        }
        if (!machine.isEmpty() && !login.isEmpty() && !password.isEmpty()) {
          entries.add(new Entry(machine, login, password));
          machine = "";
          login = "";
          password = "";
        }
      }
      if (i < f.length && f[i].equals("default")) {
        break;
      }
    }
    return entries;
  }
}
