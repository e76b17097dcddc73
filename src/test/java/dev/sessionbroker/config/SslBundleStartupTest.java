package dev.sessionbroker.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.core.NestedExceptionUtils;

import dev.sessionbroker.SessionBrokerApplication;
import dev.sessionbroker.support.QuietOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A vendor naming an SSL bundle that does not exist stops the start-up, naming vendor and key. */
@ExtendWith(QuietOutput.class)
class SslBundleStartupTest {

    @Test
    void unknownSslBundleStopsTheStartUp(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(SessionBrokerApplication.class).run(
                "--server.port=0", "--spring.main.banner-mode=off", "--broker.vendors.avx.type=appviewx",
                "--broker.vendors.avx.base-url=https://avx.example.com:31443/avxapi",
                "--broker.vendors.avx.username=admin", "--broker.vendors.avx.password=Password@123",
                "--broker.vendors.avx.ssl-bundle=avx-ca"));

        assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
            .isInstanceOf(InvalidVendorConfigurationException.class)
            .hasMessageContaining("Vendor 'avx'")
            .hasMessageContaining("broker.vendors.avx.ssl-bundle")
            .hasMessageNotContaining("Password@123");
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "broker.vendors.avx.ssl-bundle")
            .doesNotContain("Password@123");
    }
}
