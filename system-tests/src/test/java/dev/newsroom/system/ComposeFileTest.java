package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps docker-compose.yml in step with the modules in pom.xml. Without Docker here, nobody would
 * notice that a new service is missing from compose or that two services share a database until a
 * deployment breaks, so the rules of DESIGN.md ("Infrastructure") are checked on the file itself.
 * The services and their databases are derived from the modules, never listed here.
 */
class ComposeFileTest {

    private static final String GATEWAY = "gateway";
    private static final String HEALTHY = "service_healthy";

    private static Repository repository;

    @BeforeAll
    static void readRepository() throws Exception {
        repository = Repository.find();
        // Guards against passing vacuously when the module discovery itself breaks.
        assertThat(repository.serviceModules())
                .as("service modules found in %s", repository.root().resolve("pom.xml"))
                .extracting(ServiceModule::name)
                .contains(GATEWAY)
                .anyMatch(name -> name.endsWith("-service"));
    }

    @Test
    void everyServiceModuleIsInCompose() {
        assertThat(repository.compose().keySet())
                .as("docker-compose.yml services")
                .containsAll(repository.serviceModules().stream()
                        .map(ServiceModule::name)
                        .toList());
    }

    @Test
    void everyServiceIsBuiltFromTheSharedDockerfileForItsOwnModule() {
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var service = repository.service(module.name());
            var build = service.map("build");
            if (!".".equals(String.valueOf(build.get("context")))) {
                problems.add(module.name() + ": build context is " + build.get("context") + ", not .");
            }
            var args = ComposeService.asStringMap(build.get("args"));
            if (!module.name().equals(args.get("SERVICE"))) {
                problems.add(module.name() + ": builds SERVICE=" + args.get("SERVICE"));
            }
            // The image's EXPOSE comes from the PORT build arg; the process binds to the PORT env.
            var port = service.environment().get("PORT");
            if (port == null || !port.equals(args.get("PORT"))) {
                problems.add(module.name() + ": PORT env " + port + " differs from build arg " + args.get("PORT"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachServiceHasItsOwnMongo() {
        var problems = new ArrayList<String>();
        var users = new LinkedHashMap<String, List<String>>();
        for (var module : repository.dataOwners()) {
            var uri = repository.service(module.name()).environment().get("MONGO_URI");
            if (uri == null) {
                problems.add(module.name() + ": no MONGO_URI");
                continue;
            }
            for (var host : Address.hosts(uri)) {
                users.computeIfAbsent(host, h -> new ArrayList<>()).add(module.name());
                if (!repository.isMongo(host)) {
                    problems.add(module.name() + ": MONGO_URI host " + host + " is not a mongo container in compose");
                }
            }
        }
        users.forEach((host, services) -> {
            if (services.size() > 1) {
                problems.add(host + " is shared by " + services);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void eachServiceUsesItsOwnDatabase() {
        var problems = new ArrayList<String>();
        for (var module : repository.dataOwners()) {
            var uri = repository.service(module.name()).environment().get("MONGO_URI");
            var own = Address.database(module.defaults().get("MONGO_URI"));
            var configured = uri == null ? "" : Address.database(uri);
            if (!own.equals(configured)) {
                problems.add(module.name() + ": database " + configured + " instead of " + own);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyContainerHasAHealthCheck() {
        var missing = repository.compose().values().stream()
                .filter(service -> !service.hasHealthCheck())
                .map(ComposeService::name)
                .toList();
        assertThat(missing).as("compose services without a health check").isEmpty();
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        // A published port pins a service to one replica, so --scale would fail.
        var publishing = repository.compose().values().stream()
                .filter(service -> service.spec().containsKey("ports"))
                .map(ComposeService::name)
                .toList();
        assertThat(publishing).as("compose services with ports:").containsOnly(GATEWAY);
    }

    @Test
    void noContainerHasAFixedName() {
        // A container_name cannot be given to two replicas, which breaks --scale.
        var named = repository.compose().values().stream()
                .filter(service -> service.spec().containsKey("container_name"))
                .map(ComposeService::name)
                .toList();
        assertThat(named).as("compose services with container_name").isEmpty();
    }

    @Test
    void everyServiceWaitsForKafkaAndItsOwnMongo() {
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var service = repository.service(module.name());
            var needed = new TreeSet<String>();
            for (var variable : List.of("MONGO_URI", "KAFKA_BOOTSTRAP_SERVERS")) {
                if (module.defaults().containsKey(variable)) {
                    var value = service.environment().get(variable);
                    if (value == null) {
                        problems.add(module.name() + ": no " + variable);
                    } else {
                        needed.addAll(Address.hosts(value));
                    }
                }
            }
            if (module.defaults().containsKey("KAFKA_BOOTSTRAP_SERVERS")
                    && needed.stream().noneMatch(repository::isKafka)) {
                problems.add(module.name() + ": KAFKA_BOOTSTRAP_SERVERS names no kafka container");
            }
            problems.addAll(missingHealthyDependencies(service, needed));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theGatewayWaitsForEveryService() {
        var services = repository.serviceModules().stream()
                .map(ServiceModule::name)
                .filter(name -> !name.equals(GATEWAY))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(missingHealthyDependencies(repository.service(GATEWAY), services))
                .isEmpty();
    }

    @Test
    void theGatewayReachesEachServiceByItsComposeNameAndPort() {
        var problems = new ArrayList<String>();
        var gateway = repository.service(GATEWAY);
        for (var variable : repository.module(GATEWAY).defaults().keySet()) {
            var matcher = Pattern.compile("([A-Z]+)_SERVICE_URL").matcher(variable);
            if (!matcher.matches()) {
                continue;
            }
            // USER_SERVICE_URL belongs to user-service, and so on.
            var target = matcher.group(1).toLowerCase() + "-service";
            var url = gateway.environment().getOrDefault(variable, "");
            var expected = "http://" + target + ":"
                    + repository
                            .compose()
                            .getOrDefault(target, ComposeService.EMPTY)
                            .environment()
                            .get("PORT");
            if (!url.equals(expected) && !url.startsWith(expected + "/")) {
                problems.add(variable + " is " + url + ", expected " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noServiceFallsBackToALocalhostAddress() {
        // Inside a container localhost is the container itself: every address whose default
        // points there must be set, to a container that compose runs.
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var environment = repository.service(module.name()).environment();
            module.defaults().forEach((variable, fallback) -> {
                if (!fallback.contains("localhost")) {
                    return;
                }
                var value = environment.get(variable);
                if (value == null) {
                    problems.add(module.name() + ": " + variable + " not set, would use " + fallback);
                    return;
                }
                for (var host : Address.hosts(value)) {
                    if (!repository.compose().containsKey(host)) {
                        problems.add(module.name() + ": " + variable + " names " + host + ", not a compose service");
                    }
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceRunsWithTheJvmSizingTheBenchmarksMeasured() throws Exception {
        // deploy/jvm-options.properties is what bench/read-path.sh measures memory and speed with; a
        // service that compose ran otherwise would be running untested sizes.
        var sizing = new java.util.Properties();
        try (Reader file = Files.newBufferedReader(repository.root().resolve("deploy/jvm-options.properties"))) {
            sizing.load(file);
        }
        assertThat(sizing.getProperty("all")).as("options for every process").contains("-Xss");
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            String own = sizing.getProperty(module.name());
            if (own == null || !own.contains("-Xmx")) {
                problems.add(module.name() + ": no heap in deploy/jvm-options.properties");
                continue;
            }
            String expected = sizing.getProperty("all") + " " + own;
            String actual = repository.service(module.name()).environment().get("JAVA_TOOL_OPTIONS");
            if (!expected.equals(actual)) {
                problems.add(module.name() + ": JAVA_TOOL_OPTIONS is " + actual + ", the measured sizing " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDataStoreKeepsItsDataInItsOwnNamedVolume() {
        var problems = new ArrayList<String>();
        var owners = new LinkedHashMap<String, List<String>>();
        for (var service : repository.compose().values()) {
            for (var volume : service.volumes()) {
                if (repository.namedVolumes().contains(volume.source())) {
                    owners.computeIfAbsent(volume.source(), v -> new ArrayList<>())
                            .add(service.name());
                }
            }
            var dataDir = repository.isMongo(service.name())
                    ? Optional.of("/data/db")
                    : repository.isKafka(service.name())
                            ? Optional.ofNullable(service.environment().get("KAFKA_LOG_DIRS"))
                            : Optional.<String>empty();
            dataDir.ifPresent(dir -> {
                var kept = service.volumes().stream()
                        .anyMatch(volume -> volume.target().equals(dir)
                                && repository.namedVolumes().contains(volume.source()));
                if (!kept) {
                    problems.add(service.name() + ": " + dir + " is not on a named volume");
                }
            });
        }
        owners.forEach((volume, services) -> {
            if (services.size() > 1) {
                problems.add(volume + " is shared by " + services);
            }
        });
        assertThat(problems).isEmpty();
    }

    private static List<String> missingHealthyDependencies(ComposeService service, Collection<String> needed) {
        var dependsOn = service.dependsOn();
        return needed.stream()
                .filter(name -> !HEALTHY.equals(dependsOn.get(name)))
                .map(name -> service.name() + " does not depend on " + name + " with condition " + HEALTHY + " (has "
                        + dependsOn.get(name) + ")")
                .toList();
    }

    /** The repository root with its modules and compose file, read once for all tests. */
    record Repository(
            Path root,
            List<ServiceModule> serviceModules,
            Map<String, ComposeService> compose,
            Set<String> namedVolumes) {

        static Repository find() throws Exception {
            var root = locateRoot();
            var serviceModules = new ArrayList<ServiceModule>();
            for (var name : modules(root.resolve("pom.xml"))) {
                var config = root.resolve(name).resolve("src/main/resources/application.yml");
                if ((name.endsWith("-service") || name.equals(GATEWAY)) && Files.isRegularFile(config)) {
                    var text = Files.readString(config);
                    if (text.contains("spring:")) {
                        serviceModules.add(new ServiceModule(name, ServiceModule.defaults(text)));
                    }
                }
            }
            Map<String, Object> file;
            try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
                file = new Yaml().load(reader);
            }
            var compose = new LinkedHashMap<String, ComposeService>();
            ComposeService.asMap(file.get("services"))
                    .forEach((name, spec) -> compose.put(name, new ComposeService(name, ComposeService.asMap(spec))));
            var volumes = ComposeService.asMap(file.get("volumes")).keySet();
            return new Repository(root, List.copyOf(serviceModules), compose, Set.copyOf(volumes));
        }

        /** The property wins so a build can point at another checkout; else the nearest ancestor. */
        private static Path locateRoot() {
            var configured = System.getProperty("newsroom.home");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured).toAbsolutePath().normalize();
            }
            for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("docker-compose.yml"))
                        && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    return dir;
                }
            }
            throw new IllegalStateException(
                    "No docker-compose.yml with a pom.xml above " + Path.of("").toAbsolutePath());
        }

        private static List<String> modules(Path pom) throws Exception {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            var project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            // Only the top-level <modules>: a profile's modules are not always built.
            var modules = new ArrayList<String>();
            for (var section : children(project, "modules")) {
                for (var module : children(section, "module")) {
                    modules.add(module.getTextContent().trim());
                }
            }
            return modules;
        }

        private static List<Element> children(Element parent, String tag) {
            var found = new ArrayList<Element>();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && tag.equals(element.getTagName())) {
                    found.add(element);
                }
            }
            return found;
        }

        ServiceModule module(String name) {
            return serviceModules.stream()
                    .filter(module -> module.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }

        /** The service modules that keep data, i.e. read a MONGO_URI. */
        List<ServiceModule> dataOwners() {
            return serviceModules.stream()
                    .filter(module -> module.defaults().containsKey("MONGO_URI"))
                    .toList();
        }

        ComposeService service(String name) {
            var service = compose.get(name);
            assertThat(service).as("compose service %s", name).isNotNull();
            return service;
        }

        boolean isMongo(String name) {
            return image(name).equals("mongo") || image(name).startsWith("mongo:");
        }

        boolean isKafka(String name) {
            return image(name).startsWith("apache/kafka");
        }

        private String image(String name) {
            return compose.getOrDefault(name, ComposeService.EMPTY).image();
        }
    }

    /** A module that runs as a service, with the defaults of the variables its application.yml reads. */
    record ServiceModule(String name, Map<String, String> defaults) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):([^}]*)}");

        static Map<String, String> defaults(String applicationYml) {
            var defaults = new LinkedHashMap<String, String>();
            Matcher matcher = PLACEHOLDER.matcher(applicationYml);
            while (matcher.find()) {
                defaults.put(matcher.group(1), matcher.group(2));
            }
            return defaults;
        }
    }

    /** One entry under services: in docker-compose.yml, in either of compose's spellings. */
    record ComposeService(String name, Map<String, Object> spec) {

        static final ComposeService EMPTY = new ComposeService("", Map.of());

        String image() {
            return String.valueOf(spec.getOrDefault("image", ""));
        }

        Map<String, Object> map(String key) {
            return asMap(spec.get(key));
        }

        /** environment: as a map or as a list of KEY=VALUE. */
        Map<String, String> environment() {
            var environment = spec.get("environment");
            if (environment instanceof List<?> list) {
                var map = new LinkedHashMap<String, String>();
                for (var entry : list) {
                    var text = String.valueOf(entry);
                    var equals = text.indexOf('=');
                    if (equals > 0) {
                        map.put(text.substring(0, equals), text.substring(equals + 1));
                    }
                }
                return map;
            }
            return asStringMap(environment);
        }

        /** depends_on: a plain list means condition service_started. */
        Map<String, String> dependsOn() {
            var dependsOn = spec.get("depends_on");
            var conditions = new LinkedHashMap<String, String>();
            if (dependsOn instanceof List<?> list) {
                list.forEach(name -> conditions.put(String.valueOf(name), "service_started"));
            } else {
                asMap(dependsOn)
                        .forEach((name, options) -> conditions.put(
                                name, String.valueOf(asMap(options).getOrDefault("condition", "service_started"))));
            }
            return conditions;
        }

        boolean hasHealthCheck() {
            var healthcheck = map("healthcheck");
            var test = healthcheck.get("test");
            var empty = test == null
                    || (test instanceof List<?> list && (list.isEmpty() || "NONE".equals(list.get(0))))
                    || String.valueOf(test).isBlank();
            return !empty && !Boolean.TRUE.equals(healthcheck.get("disable"));
        }

        /** volumes: as SOURCE:TARGET[:MODE] or as a map with source and target. */
        List<Volume> volumes() {
            var volumes = new ArrayList<Volume>();
            if (spec.get("volumes") instanceof List<?> list) {
                for (var entry : list) {
                    if (entry instanceof Map<?, ?> map) {
                        volumes.add(new Volume(String.valueOf(map.get("source")), String.valueOf(map.get("target"))));
                    } else {
                        var parts = String.valueOf(entry).split(":");
                        if (parts.length >= 2) {
                            volumes.add(new Volume(parts[0], parts[1]));
                        }
                    }
                }
            }
            return volumes;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> asMap(Object value) {
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        static Map<String, String> asStringMap(Object value) {
            var strings = new LinkedHashMap<String, String>();
            asMap(value).forEach((key, entry) -> strings.put(key, entry == null ? null : String.valueOf(entry)));
            return strings;
        }
    }

    record Volume(String source, String target) {}

    /** Host and database parts of the addresses services are given (URLs, Mongo URIs, bootstrap lists). */
    static final class Address {

        private Address() {}

        static List<String> hosts(String address) {
            var rest = address.contains("://") ? address.substring(address.indexOf("://") + 3) : address;
            rest = rest.split("[/?]", 2)[0];
            rest = rest.substring(rest.lastIndexOf('@') + 1);
            var hosts = new ArrayList<String>();
            for (var hostAndPort : rest.split(",")) {
                var host = hostAndPort.trim().replaceFirst(":\\d+$", "");
                if (!host.isEmpty()) {
                    hosts.add(host);
                }
            }
            return hosts;
        }

        static String database(String mongoUri) {
            var rest = mongoUri.substring(mongoUri.indexOf("://") + 3);
            var slash = rest.indexOf('/');
            return slash < 0 ? "" : rest.substring(slash + 1).split("\\?", 2)[0];
        }
    }
}
