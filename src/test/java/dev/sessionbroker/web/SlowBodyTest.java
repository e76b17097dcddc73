package dev.sessionbroker.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sessionbroker.support.RawHttp;
import dev.sessionbroker.support.RawHttp.SlowUpload;
import dev.sessionbroker.support.SlowBodyFixture;
import dev.sessionbroker.support.StubbedAlertSite;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers that send a body slowly, or not at all, over real sockets: a refused request is
 * answered and closed without its body being read, a body that the broker does read has a
 * deadline, and the probes answer on their own port while slow bodies hold the API's threads.
 */
class SlowBodyTest extends SlowBodyFixture {

    /** Far less than the 30 s a stalled body would hold a thread; enough for a loaded machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static final String JSON = "application/json";

    private static final String BILLING = "Authorization: Bearer " + BILLING_TOKEN;

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(401, "/sessions/alertsite/refresh", JSON, 1000, new String[0]),
                Arguments.of(403, "/sessions/other/refresh", JSON, 1000, new String[] { BILLING }),
                Arguments.of(404, "/nothing-here", JSON, 1000, new String[] { BILLING }),
                Arguments.of(413, "/sessions/alertsite/refresh", JSON, 100_000, new String[] { BILLING }),
                Arguments.of(415, "/sessions/alertsite/refresh", "text/plain", 1000, new String[] { BILLING }));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void aRefusedRequestIsAnsweredAndClosedWithoutItsBodyBeingRead(int status, String target, String contentType,
            long length, String[] headers) {
        try (SlowUpload upload = RawHttp.slowUpload(this.port, "POST", target, contentType, length, "{\"otp\":",
                headers)) {
            String answer = upload.answer(PROMPTLY);

            assertThat(answer).startsWith("HTTP/1.1 " + status).contains("application/problem+json");
            // All but 7 of the declared bytes never come: the broker does not wait for them.
            assertThat(upload.closedWithin(PROMPTLY)).as("closed without the rest of the body").isTrue();
        }
    }

    @Test
    void unauthenticatedSlowBodiesHoldNoRequestThread() {
        StubbedAlertSite.stubLogins(vendor);
        List<SlowUpload> uploads = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * API_THREADS; i++) {
                uploads.add(RawHttp.slowUpload(this.port, "POST", "/sessions/alertsite/refresh", JSON, 1000, "{"));
            }
            // Each would hold a thread while Tomcat waited for its 999 other bytes: the fifth
            // answer would never come.
            for (SlowUpload upload : uploads) {
                assertThat(upload.answer(PROMPTLY)).startsWith("HTTP/1.1 401");
            }

            assertThat(RawHttp.get(this.port, "/sessions/alertsite", BILLING)).startsWith("HTTP/1.1 200");
        }
        finally {
            uploads.forEach(SlowUpload::close);
        }
    }

    @Test
    void aBodySlowerThanItsAllowanceGets408AndTheConnectionIsClosed() {
        try (SlowUpload upload = RawHttp.slowUpload(this.port, "POST", "/sessions/alertsite/refresh", JSON, 1000,
                "{\"otp\":\"", BILLING)) {
            Thread trickle = new Thread(() -> {
                // A byte now and then, each after 10 s of broker time: 30 s allowed, plus a
                // second per KB, so the allowance is spent after a few.
                while (!Thread.currentThread().isInterrupted()) {
                    this.time.advance(Duration.ofSeconds(10));
                    if (!upload.send("1")) {
                        return;
                    }
                    try {
                        Thread.sleep(100);
                    }
                    catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "trickle");
            trickle.start();
            try {
                String answer = upload.answer(PROMPTLY);

                assertThat(answer).startsWith("HTTP/1.1 408")
                    .contains("urn:session-broker:problem:request-body-timeout")
                    .contains("broker.request-body");
                assertThat(upload.closedWithin(PROMPTLY)).isTrue();
            }
            finally {
                trickle.interrupt();
            }
        }
    }

    @Test
    void livenessAnswersOnTheManagementPortWhileSlowBodiesHoldEveryApiThreadAndFloodThatPort() {
        List<SlowUpload> uploads = new ArrayList<>();
        try {
            // Bodies the broker reads, from a valid caller: each holds an API thread until its
            // allowance is spent (30 s), more of them than there are threads.
            for (int i = 0; i < API_THREADS + 2; i++) {
                uploads.add(RawHttp.slowUpload(this.port, "POST", "/sessions/alertsite/refresh", JSON, 1000,
                        "{\"otp\":\"", BILLING));
            }
            // And more refused bodies at the probes' own port than it has threads (200).
            for (int i = 0; i < 250; i++) {
                uploads.add(RawHttp.slowUpload(this.managementPort, "POST", "/actuator/health", JSON, 1000, "{"));
            }

            String liveness = RawHttp.get(this.managementPort, "/actuator/health/liveness");

            assertThat(liveness).startsWith("HTTP/1.1 200").contains("\"status\":\"UP\"");
        }
        finally {
            uploads.forEach(SlowUpload::close);
        }
    }
}
