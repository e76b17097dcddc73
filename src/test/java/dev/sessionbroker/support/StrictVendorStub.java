package dev.sessionbroker.support;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A WireMock vendor that frames requests as strictly as the real APIs and their gateways:
 * a request body sent with {@code Transfer-Encoding: chunked} instead of a
 * {@code Content-Length} is answered 411 Length Required (RFC 9112 §6.3 lets a server do
 * so, and several vendor gateways do). WireMock alone accepts both, which once hid chunked
 * logins that strict servers read as an empty body.
 */
public final class StrictVendorStub {

    private StrictVendorStub() {
    }

    public static WireMockExtension extension() {
        return WireMockExtension.newInstance().options(options()).build();
    }

    public static WireMockConfiguration options() {
        return wireMockConfig().dynamicPort().extensions(new LengthRequired());
    }

    /** Refuses chunked request bodies with 411, before any stub is matched. */
    public static final class LengthRequired implements StubRequestFilterV2 {

        @Override
        public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
            String encoding = request.getHeader("Transfer-Encoding");
            if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                return RequestFilterAction.stopWith(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(411)
                    .withBody("Length Required")
                    .build());
            }
            return RequestFilterAction.continueWith(request);
        }

        @Override
        public String getName() {
            return "length-required";
        }
    }
}
