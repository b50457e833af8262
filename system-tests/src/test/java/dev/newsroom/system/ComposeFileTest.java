package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * deployment breaks, so the rules of DESIGN.md ("Infrastructure", "Observability") are checked on the
 * file itself, with the Dockerfile and the Prometheus configuration it mounts. The services, their
 * databases and their management ports are derived from the modules, never listed here.
 */
class ComposeFileTest {

    private static final String GATEWAY = "gateway";
    private static final String HEALTHY = "service_healthy";
    private static final String METRICS_PATH = "/actuator/prometheus";

    /**
     * The operators' consoles by image, with the one port each may publish: its UI. They are not
     * modules of the suite, so they cannot be derived from pom.xml.
     */
    private static final Map<String, Integer> CONSOLES =
            Map.of("prom/prometheus", 9090, "grafana/grafana", 3000, "jaegertracing/all-in-one", 16686);

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
            // The image's EXPOSE and health check come from the build args; the process binds to the env.
            for (var variable : List.of("PORT", "MANAGEMENT_PORT")) {
                var port = service.environment().get(variable);
                if (port == null || !port.equals(args.get(variable))) {
                    problems.add(module.name() + ": " + variable + " env " + port + " differs from build arg "
                            + args.get(variable));
                }
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
    void onlyTheGatewayAndTheOperatorsConsolesPublishAPort() {
        // A published port pins a service to one replica, so --scale would fail.
        var publishing = repository.compose().values().stream()
                .filter(service -> service.spec().containsKey("ports"))
                .filter(service -> repository.console(service).isEmpty())
                .map(ComposeService::name)
                .toList();
        assertThat(publishing).as("compose services with ports:").containsOnly(GATEWAY);
    }

    @Test
    void theGatewayPublishesItsApiPortOnly() {
        var gateway = repository.service(GATEWAY);
        assertThat(gateway.ports())
                .as("the gateway's published ports")
                .extracting(PublishedPort::target)
                .containsExactly(gateway.environment().get("PORT"));
    }

    @Test
    void eachConsolePublishesItsUiOnThisMachineOnly() {
        // Prometheus and Jaeger have no login: their UIs are for whoever sits at the host.
        var problems = new ArrayList<String>();
        var consoles = 0;
        for (var service : repository.compose().values()) {
            var uiPort = repository.console(service);
            if (uiPort.isEmpty()) {
                continue;
            }
            consoles++;
            var expected = new PublishedPort("127.0.0.1", String.valueOf(uiPort.get()), String.valueOf(uiPort.get()));
            if (!service.ports().equals(List.of(expected))) {
                problems.add(service.name() + " publishes " + service.ports() + ", expected only " + expected);
            }
        }
        assertThat(consoles).as("consoles in compose").isEqualTo(CONSOLES.size());
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceHasAManagementPortThatIsNeverPublished() {
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var service = repository.service(module.name());
            var management = service.environment().get("MANAGEMENT_PORT");
            if (management == null || !management.matches("\\d+")) {
                problems.add(module.name() + ": MANAGEMENT_PORT is " + management);
                continue;
            }
            if (management.equals(service.environment().get("PORT"))) {
                problems.add(module.name() + ": MANAGEMENT_PORT is the API port " + management);
            }
            for (var port : service.ports()) {
                if (port.target().equals(management)) {
                    problems.add(module.name() + ": publishes its management port as " + port);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theImageAsksTheManagementPortWhetherTheServiceIsReady() throws Exception {
        var dockerfile = Files.readString(repository.root().resolve("Dockerfile"));
        var script = dockerfile.substring(dockerfile.indexOf("/usr/local/bin/healthcheck"));
        assertThat(dockerfile)
                .contains("ARG MANAGEMENT_PORT")
                .contains("ENV MANAGEMENT_PORT=${MANAGEMENT_PORT}")
                .doesNotContainPattern("EXPOSE[^\\n]*MANAGEMENT_PORT");
        assertThat(script)
                .as("the health check script")
                .contains("/dev/tcp/127.0.0.1/${MANAGEMENT_PORT}")
                .contains("/actuator/health/readiness")
                .doesNotContain("127.0.0.1/${PORT}");
    }

    @Test
    void prometheusScrapesEveryReplicaOfEveryServiceOnItsManagementPort() throws Exception {
        var targets = repository.prometheus().targets();
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var environment = repository.service(module.name()).environment();
            var expected = new ScrapeTarget(
                    module.name(), environment.getOrDefault("MANAGEMENT_PORT", "?"), METRICS_PATH, "dns A");
            if (!targets.contains(expected)) {
                problems.add(module.name() + ": no " + expected + " among " + targets);
            }
            targets.stream()
                    .filter(target ->
                            target.host().equals(module.name()) && target.port().equals(environment.get("PORT")))
                    .forEach(target -> problems.add(module.name() + ": scraped on its API port: " + target));
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Every process sends its spans to the tracing console of the stack, by the variable the
     * services read (docs/operations.md, "Tracing"), to a service that is in compose.
     */
    @Test
    void everyServiceSendsItsTracesToJaegerInTheStack() {
        var problems = new ArrayList<String>();
        for (var module : repository.serviceModules()) {
            var endpoint = repository.service(module.name()).environment().get("OTEL_EXPORTER_OTLP_ENDPOINT");
            if (!"http://jaeger:4318".equals(endpoint)) {
                problems.add(module.name() + ": OTEL_EXPORTER_OTLP_ENDPOINT is " + endpoint);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(repository.compose()).containsKey("jaeger");
    }

    @Test
    void theAlertRulesAreMountedIntoPrometheus() throws Exception {
        var prometheus = repository.prometheus();
        var problems = new ArrayList<String>();
        prometheus.ruleFiles().forEach((inContainer, onHost) -> {
            if (onHost.isEmpty() || !Files.isRegularFile(onHost.get())) {
                problems.add(inContainer + " (rule_files of " + prometheus.config() + ") is not mounted from a file");
            }
        });
        assertThat(problems).isEmpty();
        assertThat(prometheus.ruleFiles().values())
                .as("rule files Prometheus' container loads, on this checkout")
                .contains(Optional.of(repository.root().resolve("deploy/prometheus/alerts.yml")));
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

        /** The UI port of an operators' console, empty for every other container. */
        Optional<Integer> console(ComposeService service) {
            return Optional.ofNullable(CONSOLES.get(service.imageName()));
        }

        /** The configuration the prom/prometheus container runs with, read from the file compose mounts. */
        Prometheus prometheus() throws IOException {
            var service = compose.values().stream()
                    .filter(candidate -> candidate.imageName().equals("prom/prometheus"))
                    .findFirst();
            assertThat(service).as("a prom/prometheus container in compose").isPresent();
            var inContainer = service.get().option("--config.file").orElse("/etc/prometheus/prometheus.yml");
            var config = hostPath(service.get(), inContainer);
            assertThat(config)
                    .as(
                            "%s of %s mounted from this checkout",
                            inContainer, service.get().name())
                    .isPresent();
            Map<String, Object> file;
            try (Reader reader = Files.newBufferedReader(config.get())) {
                file = new Yaml().load(reader);
            }
            var targets = new ArrayList<ScrapeTarget>();
            if (file.get("scrape_configs") instanceof List<?> jobs) {
                for (var job : jobs) {
                    targets.addAll(ScrapeTarget.of(ComposeService.asMap(job)));
                }
            }
            // Relative rule files are resolved against the configuration's folder, as Prometheus does.
            var folder = inContainer.substring(0, inContainer.lastIndexOf('/') + 1);
            var ruleFiles = new LinkedHashMap<String, Optional<Path>>();
            if (file.get("rule_files") instanceof List<?> rules) {
                for (var rule : rules) {
                    var path = String.valueOf(rule);
                    var absolute = path.startsWith("/") ? path : folder + path;
                    ruleFiles.put(absolute, hostPath(service.get(), absolute));
                }
            }
            return new Prometheus(config.get(), List.copyOf(targets), ruleFiles);
        }

        /** The file of this checkout that a bind mount puts at a path inside a container. */
        Optional<Path> hostPath(ComposeService service, String inContainer) {
            Volume mount = null;
            for (var volume : service.volumes()) {
                var bind = volume.source().startsWith(".") || volume.source().startsWith("/");
                var covers = inContainer.equals(volume.target()) || inContainer.startsWith(volume.target() + "/");
                if (bind
                        && covers
                        && (mount == null
                                || volume.target().length() > mount.target().length())) {
                    mount = volume;
                }
            }
            if (mount == null) {
                return Optional.empty();
            }
            var rest = inContainer.substring(mount.target().length()).replaceFirst("^/", "");
            var source = root.resolve(mount.source()).normalize();
            return Optional.of(rest.isEmpty() ? source : source.resolve(rest).normalize());
        }
    }

    /** Prometheus' configuration as compose mounts it: what it scrapes, and its rule files by path. */
    record Prometheus(Path config, List<ScrapeTarget> targets, Map<String, Optional<Path>> ruleFiles) {}

    /**
     * One host and port Prometheus scrapes, and how it finds them: {@code dns A} resolves the name to
     * every replica's address at each refresh; {@code static} scrapes whatever one address the name
     * resolves to.
     */
    record ScrapeTarget(String host, String port, String metricsPath, String discovery) {

        static List<ScrapeTarget> of(Map<String, Object> job) {
            var path = String.valueOf(job.getOrDefault("metrics_path", "/metrics"));
            var targets = new ArrayList<ScrapeTarget>();
            if (job.get("dns_sd_configs") instanceof List<?> lookups) {
                for (var entry : lookups) {
                    var lookup = ComposeService.asMap(entry);
                    var type = String.valueOf(lookup.getOrDefault("type", "SRV"));
                    if (lookup.get("names") instanceof List<?> names) {
                        for (var name : names) {
                            targets.add(new ScrapeTarget(
                                    String.valueOf(name), String.valueOf(lookup.get("port")), path, "dns " + type));
                        }
                    }
                }
            }
            if (job.get("static_configs") instanceof List<?> groups) {
                for (var group : groups) {
                    if (ComposeService.asMap(group).get("targets") instanceof List<?> addresses) {
                        for (var address : addresses) {
                            var text = String.valueOf(address);
                            var colon = text.lastIndexOf(':');
                            targets.add(new ScrapeTarget(
                                    text.substring(0, Math.max(colon, 0)), text.substring(colon + 1), path, "static"));
                        }
                    }
                }
            }
            return targets;
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

        /** The image without its tag: prom/prometheus for prom/prometheus:v3.5.0. */
        String imageName() {
            var image = image();
            var colon = image.lastIndexOf(':');
            return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
        }

        /** A --name=value option of command:, given as a list or as one string. */
        Optional<String> option(String name) {
            var command = spec.get("command");
            var words = command instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList()
                    : command == null
                            ? List.<String>of()
                            : List.of(String.valueOf(command).split("\\s+"));
            return words.stream()
                    .filter(word -> word.startsWith(name + "="))
                    .map(word -> word.substring(name.length() + 1))
                    .findFirst();
        }

        /** ports: as [HOST_IP:][PUBLISHED:]TARGET[/PROTOCOL] or as a map with target, published, host_ip. */
        List<PublishedPort> ports() {
            var ports = new ArrayList<PublishedPort>();
            if (spec.get("ports") instanceof List<?> list) {
                for (var entry : list) {
                    if (entry instanceof Map<?, ?> map) {
                        ports.add(new PublishedPort(
                                Objects.toString(map.get("host_ip"), ""),
                                Objects.toString(map.get("published"), ""),
                                Objects.toString(map.get("target"), "")));
                    } else {
                        var parts =
                                String.valueOf(entry).replaceFirst("/\\w+$", "").split(":");
                        var count = parts.length;
                        ports.add(new PublishedPort(
                                count > 2 ? parts[0] : "", count > 1 ? parts[count - 2] : "", parts[count - 1]));
                    }
                }
            }
            return ports;
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

    /** One entry of ports:, its parts as written (empty when left out). */
    record PublishedPort(String hostIp, String published, String target) {}

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
