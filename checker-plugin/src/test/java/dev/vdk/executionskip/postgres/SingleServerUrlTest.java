package dev.vdk.executionskip.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vdk.api.Configuration;
import dev.vdk.api.ConfigurationException;
import dev.vdk.executionskip.PluginConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lock lives on one server, so a URL that lets executions reach different servers is refused. */
class SingleServerUrlTest {

  private static Throwable refusal(String url) {
    Configuration config = PluginConfiguration.fromEnvironment(
        Map.of("VDK_EXECUTION_SKIP_POSTGRES_URL", url,
            "VDK_EXECUTION_SKIP_POSTGRES_PASSWORD", "pg-s3cret"));
    try {
      PostgresAdvisoryLockProvider.settings(config);
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("The URL " + url + " was accepted.");
  }

  @Test
  void aUrlNamingSeveralHostsIsRefusedNamingTheKeyTheHostsAndWhy() {
    assertThat(refusal("jdbc:postgresql://db-a:5432,db-b:5433/jobs?ssl=true"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Configuration key EXECUTION_SKIP_POSTGRES_URL"
            + " (from environment variable VDK_EXECUTION_SKIP_POSTGRES_URL) is invalid")
        .hasMessageContaining("names 2 servers (db-a:5432, db-b:5433)")
        .hasMessageContaining("the advisory lock lives on one server")
        .hasMessageNotContaining("pg-s3cret");
  }

  @Test
  void hostsBehindCredentialsInTheUrlAreNamedWithoutTheCredentials() {
    assertThat(refusal("jdbc:postgresql://jobs:S3cretPw@db-a,db-b/jobs"))
        .hasMessageContaining("names 2 servers (db-a:5432, db-b:5432)")
        .hasMessageNotContaining("S3cretPw");
  }

  // The driver reads hosts from the query too, and they replace the one before the path.
  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db-a:5432/jobs?PGHOST=db-a,db-b&PGPORT=5432,5432",
      "jdbc:postgresql://db-a:5432/jobs?host=db-a,db-b&port=5432,5432",
      "jdbc:postgresql:jobs?host=db-a,db-b&port=5432,5432",
      "jdbc:postgresql://jobs:S3cretPw@db-a/jobs?sslpassword=S3cretPw&PGHOST=db-a%2Cdb-b&PGPORT=5432%2C5432"})
  void hostsGivenInTheQueryAreRefusedLikeHostsBeforeThePath(String url) {
    assertThat(refusal(url))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Configuration key EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("names 2 servers (db-a:5432, db-b:5432)")
        .hasMessageContaining("the advisory lock lives on one server")
        .hasMessageNotContaining("S3cretPw")
        .hasMessageNotContaining("pg-s3cret");
  }

  // pg_service.conf may name several hosts, and differ between the machines that run the job.
  @ParameterizedTest
  @ValueSource(strings = {"service=jobs", "SERVICE=jobs"})
  void aConnectionServiceIsRefused(String option) {
    assertThat(refusal("jdbc:postgresql://db/jobs?" + option))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("sets " + option)
        .hasMessageContaining("pg_service.conf")
        .hasMessageContaining("the advisory lock lives on one server");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db/jobs/more",
      "jdbc:postgresql://jobs:S3cretPw@db/jobs?ssl=%zz",
      "jdbc:postgresql://db/jobs?host=db-a,db-b"})
  void aUrlTheDriverCannotReadIsRefusedWithoutShowingItsCredentials(String url) {
    assertThat(refusal(url))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("the PostgreSQL driver cannot read")
        .hasMessageNotContaining("S3cretPw");
  }

  @ParameterizedTest
  @ValueSource(strings = {"loadBalanceHosts=true", "LOADBALANCEHOSTS=TRUE"})
  void loadBalancingIsRefused(String option) {
    assertThat(refusal("jdbc:postgresql://db/jobs?ssl=true&" + option))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("sets " + option)
        .hasMessageContaining("the advisory lock lives on one server");
  }

  @ParameterizedTest
  @ValueSource(strings = {"secondary", "standby", "preferSecondary", "preferStandby", "preferPrimary"})
  void aTargetServerTypeThatMayPickAnotherServerIsRefused(String type) {
    assertThat(refusal("jdbc:postgresql://db/jobs?targetServerType=" + type))
        .hasMessageContaining("EXECUTION_SKIP_POSTGRES_URL")
        .hasMessageContaining("sets targetServerType=" + type)
        .hasMessageContaining("accepted: any or primary");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jdbc:postgresql://db:5432/jobs",
      "jdbc:postgresql://[::1]:5432/jobs",
      "jdbc:postgresql:jobs",
      "jdbc:postgresql://db/jobs?loadBalanceHosts=false&targetServerType=primary",
      "jdbc:postgresql://db/jobs?targetServerType=any&ApplicationName=a,b",
      "jdbc:postgresql://db-a/jobs?host=db-b&port=5433",
      "jdbc:postgresql://u:p%40ss@db/jobs?sslmode=require"})
  void aUrlOfOneServerIsAccepted(String url) {
    assertThatCode(() -> new PostgresConnectionSettings(url, "u", "p")).doesNotThrowAnyException();
  }
}
