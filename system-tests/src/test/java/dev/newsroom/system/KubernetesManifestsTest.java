package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the workloads of deploy/k8s, which no cluster runs here: every manifest of the base and of
 * both overlays (their patches applied, {@link Kustomization}) is read into the fabric8 Kubernetes
 * model, and each service's Deployment is held to the rules of docs/operations.md ("A cluster
 * deployment") and to what the service itself reads and compose builds. The services and their
 * variables are derived from the modules and their sources, never listed here; the operators'
 * resources are {@link KubernetesOperatorResourcesTest}'s.
 */
class KubernetesManifestsTest {

    /** Kinds the operators define; the model has no classes for them, so they stay generic. */
    private static final Set<String> OPERATOR_KINDS =
            Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "MongoDBCommunity", "ScaledObject");

    /**
     * Variables read by the Java runtime or the C library rather than by the application, so no
     * application.yml names them: JAVA_TOOL_OPTIONS and JDK_JAVA_OPTIONS (the JVM), MALLOC_ARENA_MAX
     * (glibc). The rule is the prefix, not a list of names.
     */
    private static final List<String> RUNTIME_PREFIXES = List.of("JAVA_", "JDK_", "MALLOC_");

    private static DeployedSuite suite;

    @BeforeAll
    static void load() throws Exception {
        suite = DeployedSuite.load();
    }

    @Test
    void everyManifestReadsIntoTheModelWithOperatorKindsAsGenericResources() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            assertThat(set.resources()).as(set.name()).isNotEmpty();
            for (var resource : set.resources()) {
                var generic = resource instanceof GenericKubernetesResource;
                if (generic != OPERATOR_KINDS.contains(resource.getKind())) {
                    problems.add(set.name() + ": " + resource.getKind() + "/"
                            + resource.getMetadata().getName() + " read as "
                            + resource.getClass().getSimpleName());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyServiceModuleHasADeploymentAServiceADisruptionBudgetAndOneAutoscaler() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            for (var module : suite.repository().serviceModules()) {
                for (var kind : List.of("Deployment", "Service", "PodDisruptionBudget", "ConfigMap")) {
                    var name = kind.equals("ConfigMap") ? module.name() + "-config" : module.name();
                    if (set.find(kind, name).isEmpty()) {
                        problems.add(set.name() + ": no " + kind + " " + name);
                    }
                }
                var autoscalers = set.resources().stream()
                        .filter(resource -> ManifestSet.scaleTarget(resource).equals(Optional.of(module.name())))
                        .count();
                if (autoscalers != 1) {
                    problems.add(set.name() + ": " + module.name() + " has " + autoscalers + " autoscalers");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDeploymentProbesStartupLivenessAndReadinessOnItsManagementPort() {
        var problems = new ArrayList<String>();
        forEachContainer((where, container) -> {
            var management = ManifestSet.literal(container, "MANAGEMENT_PORT");
            var port = container.getPorts().stream()
                    .filter(p -> "management".equals(p.getName()))
                    .findFirst();
            if (port.isEmpty() || !String.valueOf(port.get().getContainerPort()).equals(management)) {
                problems.add(where + ": no port named management on MANAGEMENT_PORT " + management);
            }
            var probes = new LinkedHashMap<String, Probe>();
            probes.put("startup", container.getStartupProbe());
            probes.put("liveness", container.getLivenessProbe());
            probes.put("readiness", container.getReadinessProbe());
            probes.forEach((kind, probe) -> {
                var get = probe == null ? null : probe.getHttpGet();
                if (get == null
                        || !"management".equals(get.getPort().getStrVal())
                        || !get.getPath().startsWith("/actuator/health/")) {
                    problems.add(where + ": no " + kind + " probe on the management port's health");
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDeploymentRequestsAndLimitsCpuAndMemory() {
        var problems = new ArrayList<String>();
        forEachContainer((where, container) -> {
            var resources = container.getResources();
            var sides = new LinkedHashMap<String, Map<String, Quantity>>();
            sides.put("requests", resources == null ? null : resources.getRequests());
            sides.put("limits", resources == null ? null : resources.getLimits());
            sides.forEach((side, amounts) -> {
                for (var resource : List.of("cpu", "memory")) {
                    if (amounts == null || !amounts.containsKey(resource)) {
                        problems.add(where + ": no " + resource + " in " + side);
                    }
                }
            });
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDeploymentRunsAsANonRootUserWithoutPrivilegesOnAReadOnlyRoot() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            for (var deployment : set.deployments()) {
                var where = set.name() + ": " + deployment.getMetadata().getName();
                var pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
                if (pod == null
                        || pod.getSeccompProfile() == null
                        || !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
                    problems.add(where + ": no RuntimeDefault seccomp profile");
                }
                for (var container :
                        deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    problems.addAll(privileges(where, pod, container.getSecurityContext()));
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyVariableAServiceReadsFromItsApplicationYmlIsSetByTheManifests() {
        var problems = new ArrayList<String>();
        forEachServiceContainer((where, module, set) -> {
            var missing = new TreeSet<>(suite.reads().get(module).placeholders());
            missing.removeAll(set);
            if (!missing.isEmpty()) {
                problems.add(where + " does not set " + missing);
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyVariableTheManifestsSetIsReadByTheServiceOrItsRuntime() {
        var problems = new ArrayList<String>();
        forEachServiceContainer((where, module, set) -> {
            var unread = set.stream()
                    .filter(variable -> !suite.reads().get(module).variables().contains(variable))
                    .filter(variable -> RUNTIME_PREFIXES.stream().noneMatch(variable::startsWith))
                    .toList();
            if (!unread.isEmpty()) {
                problems.add(where + " sets " + unread + ", which " + module + " never reads");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void theManifestsRunTheImagesComposeBuilds() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            for (var deployment : set.deployments()) {
                var name = deployment.getMetadata().getName();
                var composed =
                        Kustomization.imageName(suite.repository().service(name).image());
                for (var container :
                        deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    var image = Kustomization.imageName(container.getImage());
                    if (!image.equals(composed)) {
                        problems.add(set.name() + ": " + name + " runs " + image + ", compose builds " + composed);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static List<String> privileges(String where, PodSecurityContext pod, SecurityContext own) {
        var problems = new ArrayList<String>();
        var nonRoot = own != null && own.getRunAsNonRoot() != null
                ? own.getRunAsNonRoot()
                : pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
        var user = own != null && own.getRunAsUser() != null
                ? own.getRunAsUser()
                : pod == null ? null : pod.getRunAsUser();
        if (!Boolean.TRUE.equals(nonRoot) || user == null || user == 0) {
            problems.add(where + ": not a non-root user (runAsNonRoot and a runAsUser above 0)");
        }
        if (own == null
                || !Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())
                || !Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())
                || own.getCapabilities() == null
                || !own.getCapabilities().getDrop().contains("ALL")) {
            problems.add(where + ": privilege escalation, a writable root or capabilities left");
        }
        return problems;
    }

    private interface ContainerCheck {
        void check(String where, Container container);
    }

    private interface EnvironmentCheck {
        void check(String where, String module, Set<String> variables);
    }

    private static void forEachContainer(ContainerCheck check) {
        for (var set : suite.manifests().values()) {
            assertThat(set.deployments()).as("%s: Deployments", set.name()).isNotEmpty();
            for (var deployment : set.deployments()) {
                for (var container :
                        deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    check.check(set.name() + ": " + deployment.getMetadata().getName(), container);
                }
            }
        }
    }

    /** The variables each service's container gets: its env, and the keys of the ConfigMaps it takes whole. */
    private static void forEachServiceContainer(EnvironmentCheck check) {
        for (var set : suite.manifests().values()) {
            for (var module : suite.repository().serviceModules()) {
                var deployment = set.deployment(module.name());
                var containers = deployment.isEmpty()
                        ? List.<Container>of()
                        : deployment.get().getSpec().getTemplate().getSpec().getContainers();
                for (var container : containers) {
                    var variables = new TreeSet<String>();
                    container.getEnv().forEach(variable -> variables.add(variable.getName()));
                    for (var source : container.getEnvFrom()) {
                        var name = source.getConfigMapRef() == null
                                ? null
                                : source.getConfigMapRef().getName();
                        var map = set.find("ConfigMap", name);
                        assertThat(map)
                                .as("%s: ConfigMap %s of %s", set.name(), name, module.name())
                                .isPresent();
                        variables.addAll(((ConfigMap) map.get()).getData().keySet());
                    }
                    check.check(set.name() + ": " + module.name(), module.name(), variables);
                }
            }
        }
    }
}
