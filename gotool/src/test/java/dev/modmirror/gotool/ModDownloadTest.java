package dev.modmirror.gotool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModDownloadTest {

  @Test
  void parsesSuccessfulDownload() {
    String json =
        "{\n\t\"Path\": \"example.com/a\",\n\t\"Version\": \"v1.0.0\",\n"
            + "\t\"Info\": \"/c/example.com/a/@v/v1.0.0.info\",\n"
            + "\t\"Sum\": \"h1:abc+/=\",\n\t\"GoModSum\": \"h1:def=\"\n}\n";
    ModDownload d = ModDownload.parse(new GoResult(0, json, ""));
    assertThat(d.ok()).isTrue();
    assertThat(d.path()).isEqualTo("example.com/a");
    assertThat(d.version()).isEqualTo("v1.0.0");
    assertThat(d.sum()).isEqualTo("h1:abc+/=");
    assertThat(d.goModSum()).isEqualTo("h1:def=");
    assertThat(d.error()).isNull();
  }

  @Test
  void parsesGoErrorWithEscapes() {
    String json =
        "{\"Path\": \"example.com/a\", \"Error\": \"zip: \\\"bad\\\" entry\\u0021\\npath\"}";
    ModDownload d = ModDownload.parse(new GoResult(1, json, ""));
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).isEqualTo("zip: \"bad\" entry!\npath");
    assertThat(d.sum()).isNull();
  }

  @Test
  void reportsStderrWhenGoPrintedNoJson() {
    ModDownload d = ModDownload.parse(new GoResult(2, "", "go: unknown flag\n"));
    assertThat(d.ok()).isFalse();
    assertThat(d.error()).isEqualTo("go: unknown flag\n");
  }

  @Test
  void splitsTheObjectsOfSeveralArguments() {
    String out =
        "{\n\t\"Path\": \"example.com/a\",\n\t\"Origin\": {\n\t\t\"VCS\": \"git\"\n\t},\n"
            + "\t\"Sum\": \"h1:a=\"\n}\n{\n\t\"Path\": \"example.com/b\",\n"
            + "\t\"Error\": \"not found\"\n}\n";
    var objects = ModDownload.objects(out);
    assertThat(objects).hasSize(2);
    GoResult whole = new GoResult(1, out, "");
    assertThat(ModDownload.parse(objects.get(0), whole).sum()).isEqualTo("h1:a=");
    assertThat(ModDownload.parse(objects.get(1), whole).error()).isEqualTo("not found");
    assertThat(ModDownload.failed(new GoResult(1, "", "")).error()).contains("nothing");
  }
}
