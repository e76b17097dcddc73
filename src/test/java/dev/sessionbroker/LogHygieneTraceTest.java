package dev.sessionbroker;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link LogHygieneScenario} with every logger at TRACE. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.root=TRACE")
class LogHygieneTraceTest extends LogHygieneScenario {

    @Override
    String level() {
        return "TRACE";
    }
}
