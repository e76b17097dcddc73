package dev.sessionbroker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import dev.sessionbroker.config.BrokerProperties;
import dev.sessionbroker.demo.DemoAccount;

@SpringBootApplication
// Listed, not scanned: the vendor types' option records carry @ConfigurationProperties for
// the IDE metadata only, with a "*" for the vendor name, and are bound per vendor by adapter.Vendors.
@EnableConfigurationProperties({ BrokerProperties.class, DemoAccount.class })
public class SessionBrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SessionBrokerApplication.class, args);
    }
}
