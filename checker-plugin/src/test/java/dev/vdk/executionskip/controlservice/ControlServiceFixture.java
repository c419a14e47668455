package dev.vdk.executionskip.controlservice;

import dev.vdk.executionskip.FakeTime;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real Control Service stand-in: WireMock on a dynamic loopback port, fresh for every test, and
 * a client pointed at it whose waits are recorded instead of spent.
 */
abstract class ControlServiceFixture {

  static final String TEAM = "supercollider";
  static final String JOB = "mzhivkov-test-job3";
  static final String EXECUTIONS_PATH =
      "/data-jobs/for-team/" + TEAM + "/jobs/" + JOB + "/executions";

  /** The reference's full object, made spec-valid: the spec has no nullable strings. */
  static final String SPEC_VALID_EXECUTION =
      """
      {"id": "mzhivkov-test-job3-latest-1627583589244-9681d", "job_name": "mzhivkov-test-job3",
       "status": "running", "type": "manual", "start_time": "2021-09-24T14:14:03.922Z",
       "started_by": "manual/vdk-control-cli", "op_id": "e61d395859dc4c45",
       "deployment": {"deployed_by": "mzhivkov", "deployed_date": "2021-09-23T14:14:03.922Z",
         "enabled": true, "id": "release", "job_version": "b4d24a249709874ad8c8e43d93ed2824c6ed0292",
         "mode": "release",
         "resources": {"cpu_limit": 0.5, "cpu_request": 0.5, "memory_limit": 1000,
                       "memory_request": 1000},
         "schedule": {"schedule_cron": "*/5 * * * *"}, "vdk_version": ""}}""";

  protected final FakeTime time = new FakeTime();
  protected WireMockServer server;

  @BeforeEach
  void startServer() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  ControlServiceSettings settings() {
    return ControlServiceSettings.defaults(baseUrl());
  }

  ControlServiceClient client(ControlServiceSettings settings) {
    return client(settings, time);
  }

  ControlServiceClient client(ControlServiceSettings settings, Clock clock) {
    return new ControlServiceClient(settings, clock, time);
  }
}
