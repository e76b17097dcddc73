package dev.sessionbroker.broker;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.sessionbroker.broker.BrokerListener.RefreshReason;
import dev.sessionbroker.support.ConfiguredVendors;
import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.support.StubVendorClient;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.Vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The broker without Spring or HTTP: Caffeine's single-flight, compare-and-refresh, expiry,
 * retries and cool-downs over a stub vendor client and a fake clock, in milliseconds.
 */
class SessionBrokerTest {

    private final FakeTime time = new FakeTime();

    private final StubVendorClient vendor = new StubVendorClient();

    private final ExecutorService loginThreads = Executors.newCachedThreadPool();

    private final SessionBroker broker = broker(Map.of("idle-timeout", "15m", "max-lifetime", "1h"));

    @AfterEach
    void stop() {
        this.vendor.release();
        this.loginThreads.shutdownNow();
    }

    @Test
    void concurrentLeasesOfAColdVendorCauseOneLogin() {
        this.vendor.holding();
        List<CompletableFuture<SessionLease>> leases = IntStream.range(0, 100)
            .mapToObj((i) -> this.broker.lease("v"))
            .toList();
        this.vendor.release();

        assertThat(leases).allSatisfy((lease) -> assertThat(lease.join().session().sessionId()).isEqualTo("session-1"));
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aCachedSessionIsHandedOutWithoutALogin() {
        String first = session();

        assertThat(session()).isEqualTo(first);
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void everyHandOutRestartsTheIdleTimeout() {
        session();
        this.time.advance(Duration.ofMinutes(14));
        session();
        this.time.advance(Duration.ofMinutes(14));

        assertThat(session()).isEqualTo("session-1");
        this.time.advance(Duration.ofMinutes(16));
        assertThat(session()).isEqualTo("session-2");
    }

    @Test
    void maxLifetimeEndsASessionInUse() {
        session();
        for (int i = 0; i < 5; i++) {
            this.time.advance(Duration.ofMinutes(10));
            assertThat(session()).isEqualTo("session-1");
        }
        this.time.advance(Duration.ofMinutes(10));

        assertThat(session()).isEqualTo("session-2");
    }

    @Test
    void refreshNamingTheCurrentSessionLogsInAnew() {
        String current = session();

        assertThat(refresh(current)).isEqualTo("session-2");
        assertThat(session()).isEqualTo("session-2");
    }

    @Test
    void refreshNamingAReplacedSessionGetsTheCurrentOneWithoutALogin() {
        String old = session();
        refresh(old);

        assertThat(refresh(old)).isEqualTo("session-2");
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void concurrentRefreshesNamingTheSameSessionCauseOneLogin() {
        String old = session();
        this.vendor.holding();
        List<CompletableFuture<SessionLease>> refreshes = IntStream.range(0, 50)
            .mapToObj((i) -> this.broker.refresh("v", old, RefreshReason.CALLER))
            .toList();
        this.vendor.release();

        assertThat(refreshes).allSatisfy((lease) -> assertThat(lease.join().session().sessionId()).isEqualTo("session-2"));
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void aDeleteDuringALoginLetsLaterCallersJoinItInsteadOfStartingAnother() {
        this.vendor.holding();
        CompletableFuture<SessionLease> first = this.broker.lease("v");
        this.broker.invalidate("v");
        CompletableFuture<SessionLease> second = this.broker.lease("v");
        this.vendor.release();

        assertThat(first.join().session().sessionId()).isEqualTo("session-1");
        assertThat(second.join().session().sessionId()).isEqualTo("session-1");
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void deleteAndGetChurnCauseOneLoginPerIntervalWhateverTheMix() {
        SessionBroker paced = broker(Map.of("min-login-interval", "5s"));
        paced.lease("v").join();
        List<CompletableFuture<SessionLease>> churn = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            paced.invalidate("v");
            churn.add(paced.lease("v"));
            churn.add(paced.refresh("v", null, RefreshReason.CALLER));
        }
        // The second login waits for its turn on the (fake) clock; everyone else joins it.
        await().until(() -> this.vendor.logins() == 1 && churn.stream().noneMatch(CompletableFuture::isDone));
        this.time.advance(Duration.ofSeconds(5));

        assertThat(churn).allSatisfy((lease) -> assertThat(lease.join().session().sessionId()).isEqualTo("session-2"));
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void aOneTimePasswordRefreshDuringALoginJoinsIt() {
        SessionBroker mfa = broker(Map.of("type", "appviewx", "base-url", "https://avx.example.com/avxapi"));
        this.vendor.holding();
        CompletableFuture<SessionLease> lease = mfa.lease("v");
        CompletableFuture<SessionLease> withOtp = mfa.refresh("v", null, RefreshReason.CALLER,
                dev.sessionbroker.config.Secret.of("123456"));
        this.vendor.release();

        assertThat(withOtp.join().session()).isEqualTo(lease.join().session());
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void transientFailuresAreRetriedWithBackOff() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Transient("v", "vendor answered HTTP 503", null, null);
        }, () -> {
            throw new LoginFailure.Transient("v", "vendor answered HTTP 503", null, null);
        }, () -> new LoginResult("third-time"));
        long before = this.time.read();

        assertThat(session()).isEqualTo("third-time");
        assertThat(this.vendor.logins()).isEqualTo(3);
        // Two back-offs with half jitter: at least 100 ms (half of 200 ms) plus 200 ms (half of 400 ms).
        assertThat(Duration.ofNanos(this.time.read() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRejectedLoginIsNotRetriedAndStartsACoolDown() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        });

        assertThatExceptionOfType(CompletionException.class).isThrownBy(this::session)
            .withCauseInstanceOf(LoginFailure.Rejected.class);
        for (int i = 0; i < 10; i++) {
            assertThatExceptionOfType(CompletionException.class).isThrownBy(this::session)
                .havingCause()
                .isInstanceOf(BrokerException.CoolingDown.class);
        }
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void aRefreshDuringACoolDownFailsFastAndLeavesNothingCached() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        });
        assertThatExceptionOfType(CompletionException.class).isThrownBy(this::session);

        assertThatExceptionOfType(CompletionException.class).isThrownBy(() -> refresh(null))
            .havingCause()
            .isInstanceOf(BrokerException.CoolingDown.class);
        assertThat(this.broker.cached("v")).isNull();
        assertThat(this.vendor.logins()).isEqualTo(1);
    }

    @Test
    void afterTheCoolDownOneAttemptIsMade() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Rejected("v", "40", "Invalid login information.");
        }, () -> new LoginResult("fixed"));
        assertThatExceptionOfType(CompletionException.class).isThrownBy(this::session);

        this.time.advance(Duration.ofSeconds(61));

        assertThat(session()).isEqualTo("fixed");
        assertThat(this.vendor.logins()).isEqualTo(2);
    }

    @Test
    void aFailedLoginIsNeverCached() {
        this.vendor.answering(() -> {
            throw new LoginFailure.Unusable("v", "answer is not JSON");
        }, () -> new LoginResult("good"));

        assertThatExceptionOfType(CompletionException.class).isThrownBy(this::session);

        assertThat(session()).isEqualTo("good");
    }

    @Test
    void anUnknownVendorIsRefusedWithoutALogin() {
        assertThatExceptionOfType(BrokerException.UnknownVendor.class).isThrownBy(() -> this.broker.lease("nope"))
            .satisfies((refused) -> assertThat(refused.vendor()).isEqualTo("nope"));
        assertThat(this.vendor.logins()).isZero();
    }

    @Test
    void readingTheStateIsNotAUse() {
        session();
        this.time.advance(Duration.ofMinutes(10));
        this.broker.states();
        this.broker.cached("v");
        this.time.advance(Duration.ofMinutes(6));

        assertThat(this.broker.cached("v")).isNull();
    }

    @Test
    void shutdownGivesUpOnAHangingLogoutAfterItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        VendorClient hanging = new VendorClient() {

            @Override
            public LoginResult login() {
                return new LoginResult("to-be-logged-out");
            }

            @Override
            public void logout(String sessionId) {
                try {
                    never.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        SessionBroker broker = broker(ConfiguredVendors.vendors("v", Map.of("type", "alertsite", "username", "u",
                "password", "p", "min-login-interval", "0")), hanging);
        broker.lease("v").join();
        ShutdownLogout logout = new ShutdownLogout(broker, Duration.ofMillis(200));

        // A logout that never answers must not hold the shutdown beyond the timeout.
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> logout.stop());
    }

    private String session() {
        return this.broker.lease("v").join().session().sessionId();
    }

    private String refresh(String rejected) {
        return this.broker.refresh("v", rejected, RefreshReason.CALLER).join().session().sessionId();
    }

    private SessionBroker broker(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("type", "alertsite", "username", "u",
                "password", "p", "min-login-interval", "0"));
        properties.putAll(extra);
        return broker(ConfiguredVendors.vendors("v", properties), this.vendor);
    }

    private SessionBroker broker(Vendors vendors, VendorClient client) {
        LoginHistory history = new LoginHistory();
        LoginAttempts logins = new LoginAttempts(Map.of("v", client), history, this.time, this.time, this.time,
                BrokerListener.NONE);
        return new SessionBroker(vendors, new LocalSessionStore(this.time), logins,
                new LoginPacing(this.time, BrokerListener.NONE), new CoolDowns(this.time), history, this.loginThreads,
                this.loginThreads, Duration.ofSeconds(5), this.time, this.time, BrokerListener.NONE);
    }
}
