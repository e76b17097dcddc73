package dev.sessionbroker.adapter.infiniteblue;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;

/**
 * Infinite Blue: {@code POST {base}/login?output=json} with the credentials in the
 * {@code loginName} and {@code password} headers (src/test/resources/vendor-docs/infiniteblue/). The
 * URL parameters of the same names are deprecated and would put the password into access
 * logs, so they are never used. A login ends every earlier session of the same user, which
 * is why the broker must never log in twice where once will do.
 */
public final class InfiniteBlueClient implements VendorClient {

    private static final String OK = "ok";

    private static final MediaType[] ACCEPTED = { MediaType.APPLICATION_JSON, MediaType.APPLICATION_XML,
            MediaType.TEXT_XML };

    private final VendorSettings vendor;

    private final VendorHttp http;

    public InfiniteBlueClient(VendorSettings vendor, VendorHttp http) {
        this.vendor = vendor;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        VendorAnswer answer = this.http.send(this.http.restClient()
            .post()
            .uri((uri) -> uri.path("/login").queryParam("output", "json").build())
            .accept(ACCEPTED)
            .headers(this::credentials));
        InfiniteBlueReply reply = read(answer);
        String status = reply.status();
        if (status == null) {
            throw this.http.unusable("answer has no status (" + answer.describe() + ")");
        }
        if (!OK.equals(status)) {
            throw new LoginFailure.Rejected(this.vendor.name(), status,
                    this.http.vendorText(reply.message()));
        }
        if (reply.sessionId() == null) {
            throw this.http.unusable("answer has status ok but no sessionId (" + answer.describe() + ")");
        }
        return new LoginResult(reply.sessionId());
    }

    /** The documented {@code GET {base}/logout?sessionId=…}; see docs/vendors.md. */
    @Override
    public void logout(String sessionId) {
        VendorAnswer answer = this.http.send(this.http.restClient()
            .get()
            .uri((uri) -> uri.path("/logout").queryParam("sessionId", "{sessionId}").queryParam("output", "json")
                .build(sessionId))
            .accept(ACCEPTED));
        InfiniteBlueReply reply = read(answer);
        if (!OK.equals(reply.status())) {
            throw this.http.unusable("logout answered status " + reply.status());
        }
    }

    private void credentials(HttpHeaders headers) {
        headers.set("loginName", this.vendor.username());
        headers.set("password", this.vendor.password().reveal());
        InfiniteBlueOptions options = this.vendor.options(InfiniteBlueOptions.class);
        if (options.customerId() != null) {
            headers.set("custId", options.customerId().trim());
        }
        if (options.adminFallback()) {
            headers.set("adminFallback", "true");
        }
    }

    /**
     * Reads either form. An HTTP 401/403 without a readable status is still a refusal of the
     * credentials; any other unreadable answer is unusable.
     */
    private InfiniteBlueReply read(VendorAnswer answer) {
        try {
            InfiniteBlueReply reply = InfiniteBlueReply.looksLikeXml(answer.body())
                    ? readXml(answer) : InfiniteBlueReply.fromJson(this.http.json(answer));
            if (reply.status() == null) {
                throw this.http.unusable("answer has no status (" + answer.describe() + ")");
            }
            return reply;
        }
        catch (LoginFailure.Unusable ex) {
            if (answer.status() == 401 || answer.status() == 403) {
                throw new LoginFailure.Rejected(this.vendor.name(), "HTTP " + answer.status(), null);
            }
            throw ex;
        }
    }

    private InfiniteBlueReply readXml(VendorAnswer answer) {
        try {
            return InfiniteBlueReply.fromXml(answer.body());
        }
        catch (IllegalArgumentException ex) {
            throw this.http.unusable("answer is not usable XML: " + ex.getMessage() + " (" + answer.describe() + ")");
        }
    }
}
