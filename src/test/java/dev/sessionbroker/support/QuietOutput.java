package dev.sessionbroker.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Like {@link OutputCaptureExtension}, for tests whose start-up is meant to fail: captures
 * System.out and System.err (and so the console log) for each test and hands it over as a
 * {@link CapturedOutput} parameter, but does not pass it on to the console. An expected
 * "APPLICATION FAILED TO START" report and its ERROR lines are asserted, not printed, so the
 * build output shows only real failures. When the test fails, the captured output is printed
 * after all, to diagnose it.
 */
public final class QuietOutput implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietOutput.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(Capture.class, new Capture());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Capture capture = context.getStore(NAMESPACE).remove(Capture.class, Capture.class);
        if (capture != null) {
            capture.restore(context.getExecutionException().isPresent());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == CapturedOutput.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return extensionContext.getStore(NAMESPACE).get(Capture.class, Capture.class);
    }

    private static final class Capture implements CapturedOutput {

        private final PrintStream originalOut = System.out;

        private final PrintStream originalErr = System.err;

        private final Charset charset = Charset.defaultCharset();

        // Both streams in the order written, and each on its own.
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        Capture() {
            System.setOut(stream(out));
            System.setErr(stream(err));
        }

        private PrintStream stream(ByteArrayOutputStream own) {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    synchronized (all) {
                        own.write(bytes, offset, length);
                        all.write(bytes, offset, length);
                    }
                }
            }, true, charset);
        }

        void restore(boolean failed) {
            System.setOut(originalOut);
            System.setErr(originalErr);
            if (failed) {
                originalOut.print(getAll());
                originalOut.flush();
            }
        }

        @Override
        public String getAll() {
            synchronized (all) {
                return all.toString(charset);
            }
        }

        @Override
        public String getOut() {
            synchronized (all) {
                return out.toString(charset);
            }
        }

        @Override
        public String getErr() {
            synchronized (all) {
                return err.toString(charset);
            }
        }

        @Override
        public String toString() {
            return getAll();
        }
    }
}
