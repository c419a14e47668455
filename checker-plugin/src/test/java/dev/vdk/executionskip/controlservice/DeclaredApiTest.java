package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vdk.executionskip.FakeTime;
import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The check sends exactly the request that {@link DataJobExecutionsApi} declares, though it builds
 * it without Feign's proxy: for odd base URLs and names, the URL and the {@code Accept} header are
 * the ones a Feign target of the interface sends.
 */
class DeclaredApiTest {

  private final FakeTime time = new FakeTime();

  /** Records each request and answers it with an empty list. */
  private static Client recording(List<Request> sent) {
    return (request, options) -> {
      sent.add(request);
      return Response.builder()
          .status(200)
          .headers(Map.of("Content-Type", List.of("application/json")))
          .request(request)
          .body("[]", StandardCharsets.UTF_8)
          .build();
    };
  }

  @ParameterizedTest(name = "{0}, team \"{1}\", job \"{2}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "http://127.0.0.1:8092                   | team  | job",
        "http://127.0.0.1:8092/                  | team  | job",
        "https://control.example.com/api         | data  | etl",
        "https://control.example.com/api/        | a/b   | x?y",
        "http://alice:pw@127.0.0.1:8092/api?k=v  | h#1   | 50%",
        "http://127.0.0.1:8092/api%20v1          | ..    | équipe",
      })
  void theClientSendsTheRequestTheInterfaceDeclares(String baseUrl, String team, String job) {
    List<Request> declared = new ArrayList<>();
    Feign.builder()
        .client(recording(declared))
        .decoder((response, type) -> null)
        .target(DataJobExecutionsApi.class, baseUrl)
        .dataJobExecutionList(team, job, DataJobExecutionsApi.ACTIVE_STATUSES);
    List<Request> sent = new ArrayList<>();
    new ControlServiceClient(
            ControlServiceSettings.defaults(URI.create(baseUrl)), time, time, recording(sent))
        .activeExecutions(team, job);

    assertThat(sent).singleElement().satisfies(request -> {
      assertThat(request.httpMethod()).isEqualTo(declared.get(0).httpMethod());
      assertThat(request.url()).isEqualTo(declared.get(0).url());
      assertThat(request.headers().get("Accept")).containsExactlyElementsOf(declared.get(0).headers().get("Accept"));
    });
  }
}
