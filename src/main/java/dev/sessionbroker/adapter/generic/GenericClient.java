package dev.sessionbroker.adapter.generic;

import java.net.HttpCookie;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import dev.sessionbroker.adapter.VendorSettings;
import dev.sessionbroker.adapter.LoginFailure;
import dev.sessionbroker.adapter.LoginResult;
import dev.sessionbroker.adapter.VendorAnswer;
import dev.sessionbroker.adapter.VendorClient;
import dev.sessionbroker.adapter.VendorHttp;
import dev.sessionbroker.adapter.generic.GenericLogin.Param;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A login described in configuration ({@code type: generic}): where the credentials go, what
 * a success looks like and where the session is. A refusal is an answer that fails the
 * success condition while being a well-formed vendor answer (a 4xx, or the success field
 * holding another value); anything else that fails is unusable.
 */
public final class GenericClient implements VendorClient {

    private final VendorSettings vendor;

    private final GenericLogin login;

    private final VendorHttp http;

    GenericClient(VendorSettings vendor, GenericLogin login, VendorHttp http) {
        this.vendor = vendor;
        this.login = login;
        this.http = http;
    }

    @Override
    public LoginResult login() {
        VendorAnswer answer = this.http.send(request());
        JsonNode json = this.login.readsJson() ? readJson(answer) : null;
        if (!isSuccess(answer, json)) {
            throw new LoginFailure.Rejected(this.vendor.name(), errorStatus(answer, json),
                    this.http.vendorText(text(json, this.login.errorMessagePointer())));
        }
        String session = (this.login.sessionCookie() != null) ? cookie(answer, this.login.sessionCookie())
                : text(json, this.login.sessionPointer());
        if (session == null) {
            throw this.http.unusable("login succeeded but the answer has no session at "
                    + ((this.login.sessionCookie() != null) ? "cookie " + this.login.sessionCookie()
                            : String.valueOf(this.login.sessionPointer()))
                    + " (" + answer.describe() + ")");
        }
        return new LoginResult(session);
    }

    private RestClient.RequestHeadersSpec<?> request() {
        Map<String, String> json = new LinkedHashMap<>();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        HttpHeaders headers = new HttpHeaders();
        Map<String, String> query = new LinkedHashMap<>();
        place(this.login.usernameParam(), this.vendor.username(), json, form, headers, query);
        place(this.login.passwordParam(), this.vendor.password().reveal(), json, form, headers, query);
        RestClient.RequestBodySpec spec = this.http.restClient()
            .method(this.login.method())
            .uri((uri) -> withQuery(uri.path(this.login.loginPath()), query))
            .accept(MediaType.APPLICATION_JSON)
            .headers((h) -> h.addAll(headers));
        if (!json.isEmpty()) {
            return spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        if (!form.isEmpty()) {
            return spec.contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form);
        }
        return spec;
    }

    private static void place(Param param, String value, Map<String, String> json, MultiValueMap<String, String> form,
            HttpHeaders headers, Map<String, String> query) {
        switch (param.in()) {
            case JSON -> json.put(param.name(), value);
            case FORM -> form.add(param.name(), value);
            case HEADER -> headers.set(param.name(), value);
            case QUERY -> query.put(param.name(), value);
        }
    }

    /** Values go in as URI variables so that they are encoded, never parsed as a template. */
    private static URI withQuery(UriBuilder uri, Map<String, String> query) {
        Map<String, String> variables = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            String variable = "q" + variables.size();
            uri.queryParam(name, "{" + variable + "}");
            variables.put(variable, value);
        });
        return uri.build(variables);
    }

    private boolean isSuccess(VendorAnswer answer, @Nullable JsonNode json) {
        Integer expectedStatus = this.login.successStatus();
        boolean statusOk = (expectedStatus != null) ? answer.status() == expectedStatus : answer.isSuccessful();
        if (!statusOk) {
            return false;
        }
        JsonPointer pointer = this.login.successPointer();
        String value = this.login.successValue();
        return pointer == null || value == null || value.equals(text(json, pointer));
    }

    private String errorStatus(VendorAnswer answer, @Nullable JsonNode json) {
        String status = text(json, this.login.errorStatusPointer());
        return (status != null) ? status : "HTTP " + answer.status();
    }

    /**
     * Only a successful answer must be JSON; a refusal may be anything (an HTML 401 page), and
     * is reported by its HTTP status then.
     */
    private @Nullable JsonNode readJson(VendorAnswer answer) {
        try {
            return this.http.json(answer);
        }
        catch (LoginFailure.Unusable ex) {
            if (answer.status() >= 400) {
                return null;
            }
            throw ex;
        }
    }

    private static @Nullable String text(@Nullable JsonNode json, @Nullable JsonPointer pointer) {
        if (json == null || pointer == null) {
            return null;
        }
        JsonNode node = json.at(pointer);
        if (!node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asString("");
        return text.isBlank() ? null : text;
    }

    private static @Nullable String cookie(VendorAnswer answer, String name) {
        for (String header : answer.headers().getOrEmpty(HttpHeaders.SET_COOKIE)) {
            List<HttpCookie> cookies;
            try {
                cookies = HttpCookie.parse(header);
            }
            catch (IllegalArgumentException ex) {
                continue;
            }
            for (HttpCookie cookie : cookies) {
                if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
