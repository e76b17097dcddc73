package dev.sessionbroker.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.sessionbroker.config.Secret;
import dev.sessionbroker.adapter.SessionPlacement;

import static org.assertj.core.api.Assertions.assertThat;

/** What the proxy adds beside the session and keeps secret (AppViewX's gwkey) is never in the placement. */
class PlacementViewTest {

    @Test
    void appViewXGatewayKeyIsLeftOut() {
        PlacementView view = PlacementView.of(List.of(new SessionPlacement.Header("sessionId", ""),
                new SessionPlacement.FixedQueryParameter("gwkey", Secret.of("gateway-key-value"))));

        assertThat(JsonMapper.builder().build().writeValueAsString(view))
            .isEqualTo("{\"in\":\"header\",\"name\":\"sessionId\"}");
    }
}
