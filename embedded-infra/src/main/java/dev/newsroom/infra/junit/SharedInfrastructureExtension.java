package dev.newsroom.infra.junit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Starts the infrastructure once per test JVM (kept in the root store, so JUnit closes it when the
 * run ends) and points Spring at it. See {@link SharedInfrastructure}.
 */
public final class SharedInfrastructureExtension implements BeforeAllCallback {

    /** The database every test context uses unless it names its own. */
    public static final String TEST_DATABASE = "newsroom-test";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedInfrastructureExtension.class);
    private static final List<String> QUIET_LOGGERS =
            List.of("kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper");

    @Override
    public void beforeAll(ExtensionContext context) {
        infrastructure(context);
    }

    /** The shared infrastructure, started on first use. */
    public static Infrastructure infrastructure(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Infrastructure.class, key -> start(), Infrastructure.class);
    }

    private static Infrastructure start() {
        boolean containers = "containers".equalsIgnoreCase(System.getProperty("newsroom.infra", "embedded"));
        if (containers) {
            Assumptions.assumeTrue(
                    ContainerInfrastructure.dockerAvailable(),
                    "-Dnewsroom.infra=containers needs a Docker engine; none answers, so these tests are skipped");
        }
        quietBrokerLogs();
        Infrastructure infrastructure = containers ? ContainerInfrastructure.start() : EmbeddedInfrastructure.start();
        System.setProperty("spring.mongodb.uri", infrastructure.mongoUri(TEST_DATABASE));
        System.setProperty("spring.cloud.stream.kafka.binder.brokers", infrastructure.kafkaBootstrapServers());
        System.setProperty("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        return infrastructure;
    }

    /**
     * The broker logs at INFO, and before Spring configures logging Logback's default is DEBUG for
     * everything: either would bury the tests' own output.
     */
    private static void quietBrokerLogs() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root
                && root.getLevel() != null
                && root.getLevel().toInt() < Level.INFO.toInt()) {
            root.setLevel(Level.INFO);
        }
        for (String name : QUIET_LOGGERS) {
            System.setProperty("logging.level." + name, "WARN");
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
