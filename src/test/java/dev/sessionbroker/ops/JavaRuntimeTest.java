package dev.sessionbroker.ops;

import java.io.DataInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import dev.sessionbroker.SessionBrokerApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker is built for and tested on Java 25, the runtime of the image (README.md,
 * "Java 25"): the tests run on the JDK 25 toolchain whatever JDK runs Maven, and the classes
 * are Java 25 class files, so a JVM older than the one tested refuses them at once.
 */
class JavaRuntimeTest {

    @Test
    void testsRunOnJava25() {
        assertThat(Runtime.version().feature()).isGreaterThanOrEqualTo(25);
    }

    @Test
    void classesAreJava25ClassFiles() throws Exception {
        try (InputStream in = SessionBrokerApplication.class.getResourceAsStream("SessionBrokerApplication.class");
                DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            // Class file major version 69 is Java 25.
            assertThat(data.readUnsignedShort()).isEqualTo(69);
        }
    }
}
