package dev.vdk.executionskip.controlservice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.executionskip.controlservice.http.ControlServiceException;
import dev.vdk.executionskip.controlservice.http.OneByteAtATime;
import feign.Client;
import feign.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An answer that is not JSON is quoted from its start, however it arrives: a parser gives up at the
 * first byte it cannot take, and what it had read by then depends on how the network cut the body.
 */
class QuotedAnswerTest {

  private static final String PAGE = "<html><body>\n<h1>Sign in</h1>\n</body></html>";

  @Test
  void anAnswerThatIsNotJsonIsQuotedWholeEvenWhenItArrivesAByteAtATime() {
    Client oneByteAtATime =
        (request, options) ->
            Response.builder()
                .status(200)
                .reason("OK")
                .headers(Map.of("Content-Type", List.of("text/html")))
                .request(request)
                .body(new OneByteAtATime(PAGE.getBytes(StandardCharsets.UTF_8)), null)
                .build();
    ControlServiceClient client =
        new ControlServiceClient(
            ControlServiceSettings.defaults(URI.create("http://127.0.0.1:9")), Clock.systemUTC(), pause -> {}, oneByteAtATime);

    assertThatThrownBy(() -> client.activeExecutions("team", "job"))
        .isInstanceOf(ControlServiceException.class)
        .hasMessageContaining("text/html")
        .hasMessageContaining("<html><body> <h1>Sign in</h1> </body></html>");
  }
}
