package dev.sessionbroker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SessionBrokerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SessionBrokerApplication.class, args);
    }
}
