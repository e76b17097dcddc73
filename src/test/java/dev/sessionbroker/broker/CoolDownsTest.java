package dev.sessionbroker.broker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.support.FakeTime;
import dev.sessionbroker.adapter.LoginFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** A rejection buys a whole cool-down window; its answer says how long. No Spring. */
class CoolDownsTest {

    private final FakeTime time = new FakeTime();

    private final CoolDowns coolDowns = new CoolDowns(this.time);

    private final LoginFailure.Rejected rejection = new LoginFailure.Rejected("v", "40", "Invalid login information.");

    @Test
    void aVendorWithoutARejectionMayLogIn() {
        assertThatNoException().isThrownBy(() -> this.coolDowns.check("v", "creds", false));
        assertThat(this.coolDowns.until("v")).isNull();
    }

    @Test
    void duringTheCoolDownTheRefusalSaysHowLongItLastsAndWhichRejectionStartedIt() {
        this.coolDowns.start("v", "creds", this.rejection, Duration.ofSeconds(60));
        this.time.advance(Duration.ofMillis(20_500));

        assertThatExceptionOfType(BrokerException.CoolingDown.class)
            .isThrownBy(() -> this.coolDowns.check("v", "creds", false))
            .satisfies((refused) -> {
                assertThat(refused.remaining()).isEqualTo(Duration.ofMillis(39_500));
                assertThat(refused.until()).isEqualTo(this.time.instant().plusMillis(39_500));
                assertThat(refused.rejection()).isSameAs(this.rejection);
            });
    }

    @Test
    void theCoolDownEndsOnTime() {
        this.coolDowns.start("v", "creds", this.rejection, Duration.ofSeconds(60));
        this.time.advance(Duration.ofSeconds(60));

        assertThatNoException().isThrownBy(() -> this.coolDowns.check("v", "creds", false));
    }

    @Test
    void aCoolDownAdoptedFromAnotherReplicaIsRespectedUntilItsEnd() {
        this.coolDowns.adopt("v", "creds", this.rejection, this.time.instant(), this.time.instant().plusSeconds(30));

        assertThatExceptionOfType(BrokerException.CoolingDown.class).isThrownBy(() -> this.coolDowns.check("v", "creds", false));
        this.time.advance(Duration.ofSeconds(30));
        assertThatNoException().isThrownBy(() -> this.coolDowns.check("v", "creds", false));
    }

    @Test
    void aCoolDownHoldsBackOnlyTheCredentialsItRejected() {
        this.coolDowns.start("v", "stale", this.rejection, Duration.ofSeconds(60));

        assertThatExceptionOfType(BrokerException.CoolingDown.class).isThrownBy(() -> this.coolDowns.check("v", "stale", false));
        assertThatNoException().isThrownBy(() -> this.coolDowns.check("v", "rotated", false));
    }

    @Test
    void aLoginWithAOneTimePasswordIsHeldBackByAWrongPassword() {
        this.coolDowns.start("v", "creds", this.rejection, Duration.ofSeconds(60));

        assertThatExceptionOfType(BrokerException.CoolingDown.class).isThrownBy(() -> this.coolDowns.check("v", "creds", true));
    }

    @Test
    void aRefusalAskingForAOneTimePasswordLetsOnlyALoginCarryingOneThrough() {
        this.coolDowns.start("v", "creds", new LoginFailure.Rejected("v", "MFA_REQUIRED", "MFA is enabled", true),
                Duration.ofSeconds(60));

        assertThatExceptionOfType(BrokerException.CoolingDown.class).isThrownBy(() -> this.coolDowns.check("v", "creds", false));
        assertThatNoException().isThrownBy(() -> this.coolDowns.check("v", "creds", true));
    }
}
