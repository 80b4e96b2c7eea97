package dev.modmirror.deploy.service;

import dev.modmirror.core.module.ModuleRef;
import dev.modmirror.deploy.wiring.Adapters;
import dev.modmirror.deploy.wiring.Deployment;
import dev.modmirror.deploy.wiring.Services;
import dev.modmirror.ingest.IngestGoMod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code modmirror ingest FILE…}: publishes a request for every requirement of go.mod files. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Publishes one warm request per required version of each go.mod, then exits.")
public final class IngestCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "GOMOD", description = "go.mod files to read.")
  List<Path> files;

  @Override
  public Integer call() throws Exception {
    Deployment deployment = Deployment.from(System.getenv(), "modmirror-ingest");
    try (Adapters adapters = Adapters.open(deployment, Adapters.NO_REGION)) {
      IngestGoMod ingest = Services.over(adapters).ingestGoMod();
      for (Path file : files) {
        List<ModuleRef> refs =
            ingest.ingest(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        refs.forEach(ref -> System.out.println("requested " + ref));
      }
    }
    return 0;
  }
}
