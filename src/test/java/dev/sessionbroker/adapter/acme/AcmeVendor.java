package dev.sessionbroker.adapter.acme;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

import dev.sessionbroker.adapter.VendorAdapter;
import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.BodyStatusRule;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.SessionPlacement;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorDefinition;
import dev.sessionbroker.adapter.VendorHttp;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A vendor type that exists only in the test tree, written the way docs/vendors.md ("Adding
 * a vendor") says: a package with a settings record, a login adapter and a definition,
 * nothing anywhere else. Acme logs in with {@code POST {base}/sessions
 * {"user","secret","tenant"}} and answers {@code {"result":"ok","token"}}; API calls take
 * {@code X-Acme-Token} and report a dead token as {@code result: "expired"} inside a 200
 * answer. Its one key of its own, {@code acme.tenant}, is required.
 */
public final class AcmeVendor implements VendorDefinition<AcmeVendor.AcmeOptions> {

    /**
     * The settings block {@code broker.vendors.<name>.acme.*}.
     *
     * @param tenant the Acme tenant every login names; letters and digits
     */
    public record AcmeOptions(@NotNull @Pattern(regexp = "[a-z0-9]{1,32}", message = "must be 1 to 32 letters or digits")
            String tenant) {
    }

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public @Nullable URI defaultBaseUrl() {
        return null;
    }

    @Override
    public Duration defaultIdleTimeout() {
        return Duration.ofMinutes(3);
    }

    @Override
    public Duration defaultMaxLifetime() {
        return Duration.ofMinutes(30);
    }

    @Override
    public Class<AcmeOptions> optionsType() {
        return AcmeOptions.class;
    }

    @Override
    public VendorAdapter configure(String name, String prefix, AcmeOptions options) {
        return new VendorAdapter() {

            @Override
            public VendorClient client(VendorSettings vendor, VendorHttp http) {
                return () -> {
                    VendorAnswer answer = http.send(http.restClient()
                        .post()
                        .uri("/sessions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("user", vendor.username(), "secret", vendor.password().reveal(), "tenant",
                                vendor.options(AcmeOptions.class).tenant())));
                    JsonNode json = http.json(answer);
                    if (!"ok".equals(json.path("result").asString(""))) {
                        throw new LoginFailure.Rejected(vendor.name(), json.path("result").asString(""), null);
                    }
                    return new LoginResult(json.path("token").asString());
                };
            }

            @Override
            public List<SessionPlacement> sessionPlacement(VendorSettings vendor) {
                return List.of(new SessionPlacement.Header("X-Acme-Token", ""));
            }

            @Override
            public BodyStatusRule bodyStatus() {
                return new BodyStatusRule(JsonPointer.compile("/result"), "ok", Set.of("expired"));
            }
        };
    }
}
