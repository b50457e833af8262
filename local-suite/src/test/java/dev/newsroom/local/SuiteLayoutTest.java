package dev.newsroom.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteLayoutTest {

    @TempDir
    Path home;

    private SuiteLayout layout(Map<String, String> variables, String... args) throws Exception {
        for (SuiteLayout.ServiceSpec spec : List.of(
                SuiteLayout.SERVICES.get(0),
                SuiteLayout.SERVICES.get(1),
                SuiteLayout.SERVICES.get(2),
                SuiteLayout.SERVICES.get(3),
                SuiteLayout.SERVICES.get(4),
                SuiteLayout.GATEWAY)) {
            Path target = Files.createDirectories(home.resolve(spec.module()).resolve("target"));
            Files.createFile(target.resolve(spec.module() + "-0.1.0-SNAPSHOT.jar"));
        }
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Function<String, String> env = variables::get;
        return new SuiteLayout(Options.parse(all, env), env, "java", null);
    }

    private static Component named(List<Component> components, String name) {
        return components.stream()
                .filter(component -> component.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + components));
    }

    @Test
    void oneInstanceOfEachByDefaultOnTheDocumentedPorts() throws Exception {
        List<Component> services = layout(Map.of()).services();

        assertThat(services)
                .extracting(Component::name)
                .containsExactly(
                        "user-service",
                        "article-service",
                        "comment-service",
                        "trending-service",
                        "assistant-service",
                        "gateway");
        Component gateway = named(services, "gateway");
        assertThat(gateway.environment())
                .containsEntry("ARTICLE_SERVICE_URL", "http://127.0.0.1:8082")
                .containsEntry("PORT", "8080")
                .containsEntry("MANAGEMENT_PORT", "9080");
    }

    @Test
    void theGatewayAndUserServiceShareRandomServiceClientSecretsKeptOwnerOnlyPerDataFolder() throws Exception {
        SuiteLayout layout = layout(Map.of());
        List<Component> services = layout.services();

        String gatewaySecret = named(services, "gateway").environment().get("SERVICE_CLIENT_SECRET");
        String clients = named(services, "user-service").environment().get("SERVICE_CLIENTS");
        assertThat(gatewaySecret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(clients).startsWith("gateway:" + gatewaySecret + ",operator:");
        assertThat(named(services, "article-service").environment()).doesNotContainKeys("SERVICE_CLIENTS");
        assertThat(layout.services())
                .as("the same data folder, the same secrets")
                .filteredOn(component -> component.name().equals("user-service"))
                .singleElement()
                .satisfies(again -> assertThat(again.environment()).containsEntry("SERVICE_CLIENTS", clients));
        Path file;
        try (var found = Files.walk(home)) {
            file = found.filter(path -> path.getFileName().toString().equals(ServiceClientSecrets.FILE))
                    .findFirst()
                    .orElseThrow();
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void everyInstanceHasItsOwnPortsAndTheGatewaysBalanceOverAllOfThem() throws Exception {
        List<Component> services = layout(Map.of("ARTICLE_SERVICE_PORT", "18082"), "--instances", "2")
                .services();

        assertThat(services).hasSize(12);
        Component second = named(services, "article-service-2");
        assertThat(second.port()).isEqualTo(18182);
        assertThat(second.managementPort()).isEqualTo(19182);
        assertThat(second.environment())
                .containsEntry("PORT", "18182")
                .containsEntry("MANAGEMENT_PORT", "19182")
                .containsEntry("MONGO_URI", "mongodb://127.0.0.1:27017/newsroom-articles")
                .containsEntry("USER_SERVICE_URL", "http://127.0.0.1:8081");
        assertThat(second.readiness()).isEqualTo("http://127.0.0.1:19182/actuator/health/readiness");
        for (String gateway : List.of("gateway", "gateway-2")) {
            assertThat(named(services, gateway).environment())
                    .containsEntry("ARTICLE_SERVICE_URL", "http://127.0.0.1:18082,http://127.0.0.1:18182")
                    .containsEntry("TRENDING_SERVICE_URL", "http://127.0.0.1:8084,http://127.0.0.1:8184");
        }
        assertThat(named(services, "gateway-2").port()).isEqualTo(8180);
    }

    @Test
    void thePortCheckCoversEveryInstanceAndSaysWhatMovesIt() throws Exception {
        List<SuitePorts.Port> ports =
                layout(Map.of(), "--scale", "trending-service=3").ports().all();

        assertThat(ports)
                .extracting(SuitePorts.Port::port)
                .doesNotHaveDuplicates()
                .contains(8084, 8184, 8284, 9284);
        assertThat(ports)
                .filteredOn(port -> port.name().equals("trending-service-3"))
                .singleElement()
                .satisfies(port -> assertThat(port.variable())
                        .startsWith("TRENDING_SERVICE_PORT")
                        .contains("--instances/--scale"));
    }

    @Test
    void anInstanceThatWouldListenAbove65535IsAUsageError() throws Exception {
        SuiteLayout layout = layout(
                Map.of("ARTICLE_SERVICE_PORT", "65450", "ARTICLE_SERVICE_MANAGEMENT_PORT", "9500"), "--instances", "2");

        assertThatThrownBy(() -> layout.ports().all())
                .isInstanceOf(SuiteException.Usage.class)
                .hasMessageContaining("--instances/--scale")
                .hasMessageContaining("ARTICLE_SERVICE_PORT");
    }
}
