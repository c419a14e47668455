package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JdbcUrlCredentialsTest {

  @Test
  void takesTheUserInfoOutUpToItsLastAt() {
    JdbcUrlCredentials split = JdbcUrlCredentials.split("jdbc:postgresql://job:p@ss:w+rd@db:5432/jobs?ssl=true");

    assertThat(split.url()).isEqualTo("jdbc:postgresql://db:5432/jobs?ssl=true");
    assertThat(split.properties()).isEqualTo(Map.of("user", "job", "password", "p@ss:w+rd"));
  }

  @Test
  void decodesAPercentEncodedUserInfo() {
    JdbcUrlCredentials split = JdbcUrlCredentials.split("jdbc:postgresql://j%40b:p%20w%2F%C3%A9@db/jobs");

    assertThat(split.url()).isEqualTo("jdbc:postgresql://db/jobs");
    assertThat(split.properties()).isEqualTo(Map.of("user", "j@b", "password", "p w/é"));
  }

  @Test
  void takesEverySecretParameterOutAndKeepsTheOthersInOrder() {
    JdbcUrlCredentials split = JdbcUrlCredentials.split(
        "jdbc:postgresql://db/jobs?user=job&PASSWORD=a%26b&ssl=true&sslpassword=c+d&sslmode=verify-full");

    assertThat(split.url()).isEqualTo("jdbc:postgresql://db/jobs?user=job&ssl=true&sslmode=verify-full");
    assertThat(split.properties()).isEqualTo(Map.of("password", "a&b", "sslpassword", "c d"));
  }

  @Test
  void theUserInfoPasswordWinsOverAPasswordParameter() {
    JdbcUrlCredentials split = JdbcUrlCredentials.split("jdbc:postgresql://job:first@db/jobs?password=second");

    assertThat(split.url()).isEqualTo("jdbc:postgresql://db/jobs");
    assertThat(split.properties()).containsEntry("password", "first");
  }

  @Test
  void aUrlWithoutCredentialsIsLeftAsItIs() {
    String url = "jdbc:postgresql://db1:5432/jobs?ssl=true";

    assertThat(JdbcUrlCredentials.split(url).url()).isEqualTo(url);
    assertThat(JdbcUrlCredentials.split(url).properties()).isEmpty();
    assertThat(JdbcUrlCredentials.split("jdbc:postgresql:jobs").url()).isEqualTo("jdbc:postgresql:jobs");
  }

  @Test
  void neverShowsTheCredentials() {
    assertThat(JdbcUrlCredentials.split("jdbc:postgresql://job:secret@db/jobs").toString())
        .doesNotContain("secret");
  }
}
