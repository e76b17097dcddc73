package dev.sessionbroker.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.sessionbroker.SessionBrokerApplication;

/** Several broker instances in one JVM, each with its own context and port: replicas. */
public final class Replicas implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    public Replicas(int count, List<String> properties) {
        for (int i = 0; i < count; i++) {
            List<String> args = new ArrayList<>();
            // Command-line arguments, so that they win over application.yaml.
            properties.forEach((property) -> args.add("--" + property));
            args.add("--server.port=0");
            args.add("--spring.application.name=replica-" + i);
            this.contexts.add(new SpringApplicationBuilder(SessionBrokerApplication.class).run(args.toArray(String[]::new)));
        }
    }

    public BrokerHttp http(int replica) {
        return new BrokerHttp(((WebServerApplicationContext) this.contexts.get(replica)).getWebServer().getPort());
    }

    public int size() {
        return this.contexts.size();
    }

    @Override
    public void close() {
        this.contexts.forEach(ConfigurableApplicationContext::close);
    }
}
