package dev.vdk.executionskip.controlservice.http;

import static org.assertj.core.api.Assertions.assertThat;

import feign.Client;
import feign.Feign;
import feign.Request;
import feign.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The token exchange is the request that {@link TokenEndpointApi} declares, built without Feign's
 * proxy: the same method, URL, body and headers, plus the check's operation id and user agent.
 */
class TokenExchangeRequestTest {

  @Test
  void theExchangeIsTheRequestTheInterfaceDeclares() {
    URI url = URI.create("https://login.example.com/oauth/token");
    String form = "grant_type=refresh_token&refresh_token=a%2Bb";
    List<Request> declared = new ArrayList<>();
    Client recording = (request, options) -> {
      declared.add(request);
      return Response.builder().status(200).headers(Map.of()).request(request).body("{}", StandardCharsets.UTF_8).build();
    };
    Feign.builder()
        .client(recording)
        .decoder((response, type) -> null)
        .target(TokenEndpointApi.class, url.toString())
        .exchange(form);

    Request built = CheckRequests.tokenExchange(url, form, "0123456789abcdef");

    Request expected = declared.get(0);
    assertThat(built.httpMethod()).isEqualTo(expected.httpMethod());
    assertThat(built.url()).isEqualTo(expected.url());
    assertThat(new String(built.body(), StandardCharsets.UTF_8)).isEqualTo(new String(expected.body(), StandardCharsets.UTF_8));
    TreeMap<String, java.util.Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(built.headers());
    expected.headers().forEach((name, values) ->
        assertThat(headers.get(name)).as("header %s", name).containsExactlyElementsOf(values));
    assertThat(headers.get("X-OPID")).containsExactly("0123456789abcdef");
    assertThat(headers.get("User-Agent")).singleElement().asString().startsWith("vdk-java-execution-skip/");
  }
}
