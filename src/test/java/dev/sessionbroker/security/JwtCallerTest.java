package dev.sessionbroker.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.sessionbroker.support.BrokerWithClientsFixture;
import dev.sessionbroker.support.TestJwts;
import dev.sessionbroker.adapter.SessionFingerprint;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static dev.sessionbroker.support.DocFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callers proven by a JWT instead of a shared token, over real HTTP: a key pair made here, its
 * JWK set served by a strict stub ({@link BrokerWithClientsFixture#jwks}), the client found by
 * the token's subject, authorized and audited per vendor exactly as a token client.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtCallerTest extends BrokerWithClientsFixture {

    /** The AlertSite docs' example session. */
    private static final String SESSION_ID = "ef770427109e343e";

    @BeforeEach
    void stubVendors() {
        vendor.stubFor(post("/alertsite/login").willReturn(okJson(read("alertsite/login-success.json"))));
    }

    @Test
    void validTokenTakesAnAllowedVendorsSessionAndIsAuditedAsItsClient(CapturedOutput output) {
        String token = TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT));

        HttpResponse<String> allowed = get("/sessions/alertsite", token);
        HttpResponse<String> other = get("/sessions/other", token);

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains(SESSION_ID);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(other.body()).contains("Client 'payroll' may not use vendor 'other'");
        assertThat(auditLine(output, "event=session.handout client=payroll vendor=alertsite")).contains(
                "outcome=success", "status=200", "session=" + SessionFingerprint.of(SESSION_ID));
        assertThat(auditLine(output, "event=session.handout client=payroll vendor=other")).contains("outcome=denied",
                "status=403");
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(SESSION_ID);
    }

    @Test
    void expiredTokenIsRefused(CapturedOutput output) {
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String token = TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT)
            .issueTime(Date.from(past))
            .notBeforeTime(Date.from(past))
            .expirationTime(Date.from(past.plus(Duration.ofMinutes(10)))));

        assertRefusedLikeAWrongToken(get("/sessions/alertsite", token));
        assertThat(failureLine(output, "reason=invalid-jwt")).contains("expired");
    }

    @Test
    void tokenForAnotherAudienceIsRefused(CapturedOutput output) {
        String token = TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT).audience("vault"));

        assertRefusedLikeAWrongToken(get("/sessions/alertsite", token));
        assertThat(failureLine(output, "reason=invalid-jwt")).contains("aud");
    }

    @Test
    void tokenOfAnotherIssuerIsRefused(CapturedOutput output) {
        String token = TestJwts.sign(SIGNING_KEY,
                TestJwts.claims(PAYROLL_SUBJECT).issuer("https://oidc.other-cluster.example"));

        assertRefusedLikeAWrongToken(get("/sessions/alertsite", token));
        assertThat(failureLine(output, "reason=invalid-jwt")).contains("iss");
    }

    @Test
    void tokenSignedWithAnotherKeyUnderTheIssuersKeyIdIsRefused(CapturedOutput output) {
        RSAKey forged = new RSAKey.Builder(TestJwts.newKey()).keyID(SIGNING_KEY.getKeyID()).build();

        assertRefusedLikeAWrongToken(get("/sessions/alertsite", TestJwts.sign(forged, TestJwts.claims(PAYROLL_SUBJECT))));
        failureLine(output, "reason=invalid-jwt");
    }

    @Test
    void unknownSubjectIsRefusedAndThrottledLikeAWrongToken(CapturedOutput output) {
        String token = TestJwts.sign(SIGNING_KEY, TestJwts.claims("system:serviceaccount:payroll:intruder"));

        for (int i = 0; i <= AuthFailureThrottle.FREE_FAILURES; i++) {
            assertRefusedLikeAWrongToken(get("/sessions/alertsite", token));
        }
        HttpResponse<String> throttled = get("/sessions/alertsite", token);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(failureLine(output, "reason=unknown-subject"))
            .contains("system:serviceaccount:payroll:intruder");
        assertThat(output.getAll()).doesNotContain(token);
        // A valid client behind the same address is still served.
        assertThat(get("/sessions/alertsite", TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT)))
            .statusCode()).isEqualTo(200);
    }

    @Test
    void rotatedSigningKeyIsAcceptedOnceTheKeySetHasIt() {
        assertThat(get("/sessions/alertsite", TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT)))
            .statusCode()).isEqualTo(200);
        RSAKey rotated = TestJwts.newKey();
        String signedWithNewKey = TestJwts.sign(rotated, TestJwts.claims(PAYROLL_SUBJECT));
        assertRefusedLikeAWrongToken(get("/sessions/alertsite", signedWithNewKey));

        // The issuer publishes the new key beside the old one; the broker's own token was
        // rotated meanwhile too, and the file is re-read on the fetch.
        jwks.resetAll();
        writeJwksToken("broker-own-sa-token-2");
        publishKeys("broker-own-sa-token-2", SIGNING_KEY, rotated);

        assertThat(get("/sessions/alertsite", signedWithNewKey).statusCode()).isEqualTo(200);
        assertThat(get("/sessions/alertsite", TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT)))
            .statusCode()).isEqualTo(200);
        // The unknown key id made the broker fetch the set again, with its own token as it now
        // reads in the file (the stub answers no other); the known key id did not.
        jwks.verify(1, getRequestedFor(WireMock.urlEqualTo(JWKS_PATH))
            .withHeader("Authorization", WireMock.equalTo("Bearer broker-own-sa-token-2")));
    }

    @Test
    void unreachableKeySetAnswers503WithoutCountingAgainstTheCaller(CapturedOutput output) {
        jwks.resetAll();
        jwks.stubFor(WireMock.get(JWKS_PATH).willReturn(serverError()));
        String signedWithUnknownKey = TestJwts.sign(TestJwts.newKey(), TestJwts.claims(PAYROLL_SUBJECT));

        for (int i = 0; i <= AuthFailureThrottle.FREE_FAILURES; i++) {
            HttpResponse<String> response = get("/sessions/alertsite", signedWithUnknownKey);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).contains("jwt-keys-unavailable").doesNotContain("Exception");
        }
        assertThat(failureLine(output, "reason=jwt-keys-unavailable")).contains(JWKS_PATH);
    }

    @Test
    void tokenClientsKeepWorkingBesideJwtClients() {
        String jwt = TestJwts.sign(SIGNING_KEY, TestJwts.claims(PAYROLL_SUBJECT));

        assertThat(get("/sessions/alertsite", BILLING_TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/sessions/alertsite", jwt).statusCode()).isEqualTo(200);
        assertThat(get("/sessions/alertsite", REPORTS_TOKEN).statusCode()).isEqualTo(403);
        // Neither a token digest nor a JWT: refused as any wrong token.
        assertRefusedLikeAWrongToken(get("/sessions/alertsite", "not.a.jwt"));
        assertRefusedLikeAWrongToken(get("/sessions/alertsite", CallerAccessTest.WRONG_TOKEN));
    }

    private HttpResponse<String> get(String path, String token) {
        return this.http.send(this.http.request(path).header("Authorization", "Bearer " + token).GET().build());
    }

    /** The answer a wrong opaque token gets: the caller learns nothing about why. */
    private static void assertRefusedLikeAWrongToken(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                "Bearer realm=\"session-broker\", error=\"invalid_token\"");
        assertThat(response.body()).contains("The bearer token matches no client.");
    }

    private static String failureLine(CapturedOutput output, String reason) {
        return auditLine(output, "event=auth.failure", reason);
    }

    /** Session answers complete asynchronously: their audit line may follow the answer by a moment. */
    private static String auditLine(CapturedOutput output, String... parts) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().lines()
            .filter((line) -> line.contains("audit event="))
            .filter((line) -> java.util.Arrays.stream(parts).allMatch(line::contains))
            .reduce((first, second) -> second)
            .orElse(null), Objects::nonNull);
    }
}
