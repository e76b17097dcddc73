package dev.sessionbroker.proxy;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.sessionbroker.security.BrokerClient;
import dev.sessionbroker.web.VendorName;

/** {@code ANY /proxy/{vendor}/**}: see {@link VendorProxy}. */
@RestController
class ProxyController {

    private final VendorProxy proxy;

    ProxyController(VendorProxy proxy) {
        this.proxy = proxy;
    }

    @RequestMapping({ "/proxy/{vendor}", "/proxy/{vendor}/**" })
    void proxy(@PathVariable @VendorName String vendor, @AuthenticationPrincipal @Nullable BrokerClient client,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        // The raw, still-encoded URI: the target is checked before anything is decoded. The
        // vendor segment must be the canonical name as sent: cutting the decoded name's length
        // off an encoded one (/proxy/%61lertsite/x) would shift the path sent to the vendor.
        String prefix = request.getContextPath() + "/proxy/" + vendor;
        String raw = request.getRequestURI();
        if (!raw.startsWith(prefix) || (raw.length() > prefix.length() && raw.charAt(prefix.length()) != '/')) {
            throw ProxyProblems.unsafePath();
        }
        String rawPath = (raw.length() > prefix.length() + 1) ? raw.substring(prefix.length() + 1) : "";
        this.proxy.forward(vendor, BrokerClient.nameOf(client), rawPath, request, response);
    }
}
