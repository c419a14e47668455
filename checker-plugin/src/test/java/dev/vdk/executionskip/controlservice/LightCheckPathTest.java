package dev.vdk.executionskip.controlservice;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.vdk.executionskip.controlservice.StandInControlService.JOB;
import static dev.vdk.executionskip.controlservice.StandInControlService.SPEC_VALID_EXECUTION;
import static dev.vdk.executionskip.controlservice.StandInControlService.TEAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.testsupport.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a check costs a job's start is mostly the classes it loads, so the check's path leaves out
 * the heavy ones: no Jackson databind (the answers are read with jackson-core's streaming parser),
 * not even jackson-core's factory, whose verification loads every parser and generator it names,
 * and none of Feign's proxy machinery (the request is built with Feign's request type directly).
 * A fresh JVM makes one check and lists every class it loaded.
 */
class LightCheckPathTest {

  @RegisterExtension final StandInControlService controlService = new StandInControlService();

  @TempDir Path work;

  @Test
  void aCheckLoadsNeitherDatabindNorJsonFactoryNorFeignsProxyMachinery() {
    controlService.answerExecutions(okJson("[" + SPEC_VALID_EXECUTION + "]"));

    ChildJvm.Result result =
        ChildJvm.in(work)
            .withJvmOptions("-verbose:class")
            .run(List.of(
                "-cp", System.getProperty("java.class.path"),
                OneCheck.class.getName(), controlService.baseUrl().toString(), TEAM, JOB));

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("executions=1");
    List<String> loaded = result.out().lines().filter(line -> line.contains("[class,load]")).toList();
    assertThat(loaded)
        .as("classes loaded")
        .anyMatch(line -> line.contains(" com.fasterxml.jackson.core.json.UTF8StreamJsonParser "));
    assertThat(loaded)
        .as("classes of databind, of jackson-core's factory and the parsers and generators it names,"
            + " or of Feign's proxies and contract")
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.databind."))
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.core.JsonFactory "))
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.core.json.ReaderBasedJsonParser "))
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.core.json.UTF8DataInputJsonParser "))
        .noneMatch(line -> line.contains(" com.fasterxml.jackson.core.json.async."))
        .noneMatch(line -> line.contains("JsonGenerator "))
        .noneMatch(line -> line.contains(" feign.ReflectiveFeign"))
        .noneMatch(line -> line.contains(" feign.Contract"))
        .noneMatch(line -> line.contains(" feign.MethodMetadata "));
  }

  /** A child JVM's main: one check of job {@code args[2]} of team {@code args[1]} at {@code args[0]}. */
  public static final class OneCheck {
    private OneCheck() {}

    public static void main(String[] args) {
      ControlServiceSettings settings = ControlServiceSettings.defaults(java.net.URI.create(args[0]));
      System.out.println("executions=" + new ControlServiceClient(settings).activeExecutions(args[1], args[2]).count());
    }
  }
}
