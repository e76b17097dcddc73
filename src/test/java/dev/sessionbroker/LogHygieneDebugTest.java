package dev.sessionbroker;

import org.springframework.boot.test.context.SpringBootTest;

/** {@link LogHygieneScenario} with every logger at DEBUG. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "logging.level.root=DEBUG")
class LogHygieneDebugTest extends LogHygieneScenario {

    @Override
    String level() {
        return "DEBUG";
    }
}
