package dev.modmirror.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A queued branch fetch: its name in logs and as a go.mod's origin, its own copy of the files. */
class BranchFetchTest {
  @Test
  void namesEachFileByProviderRepositoryAndCommit() {
    List<String> files = new ArrayList<>(List.of("go.mod", "tools/go.mod"));
    BranchFetch fetch = new BranchFetch("github", "org/repo", "0123abc", files);
    files.clear();
    assertThat(fetch.files()).containsExactly("go.mod", "tools/go.mod");
    assertThat(fetch.name("tools/go.mod")).isEqualTo("github:org/repo@0123abc:tools/go.mod");
    assertThatThrownBy(() -> new BranchFetch(null, "r", "c", List.of())).hasMessage("provider");
    assertThatThrownBy(() -> new BranchFetch("p", null, "c", List.of())).hasMessage("repository");
    assertThatThrownBy(() -> new BranchFetch("p", "r", null, List.of())).hasMessage("commit");
  }
}
