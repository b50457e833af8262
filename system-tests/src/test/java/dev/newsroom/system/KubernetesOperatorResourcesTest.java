package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks what deploy/k8s asks the operators for, against what the services use: a KafkaTopic for
 * every topic the contracts and the services' configuration name, KEDA scaling each consumer on its
 * own group with its topics' partition count as the ceiling, a MongoDB user per service limited to
 * the service's own database, and overlays that only change what their base has.
 */
class KubernetesOperatorResourcesTest {

    private static DeployedSuite suite;

    @BeforeAll
    static void load() throws Exception {
        suite = DeployedSuite.load();
    }

    @Test
    void everyTopicTheServicesUseIsAKafkaTopic() {
        var used = ServiceReads.contractTopics(suite.repository().root());
        suite.reads().values().forEach(service -> used.addAll(service.topics()));
        assertThat(used).as("topics the services and contracts name").isNotEmpty();
        for (var set : suite.manifests().values()) {
            assertThat(set.partitions().keySet())
                    .as("%s: KafkaTopics", set.name())
                    .containsAll(used);
        }
    }

    @Test
    void eachConsumerScalesOnItsOwnGroupUpToItsTopicsPartitionCount() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            var partitions = set.partitions();
            for (var scaled : set.generic("ScaledObject")) {
                var target = ManifestSet.scaleTarget(scaled).orElse("?");
                var where =
                        set.name() + ": ScaledObject " + scaled.getMetadata().getName();
                var counts = new TreeSet<Integer>();
                for (var entry : ManifestPatches.asList(scaled.get("spec", "triggers"))) {
                    var trigger = ManifestPatches.asMap(entry);
                    if (!"kafka".equals(trigger.get("type"))) {
                        continue;
                    }
                    var metadata = ManifestPatches.asMap(trigger.get("metadata"));
                    var group = String.valueOf(metadata.get("consumerGroup"));
                    var topic = String.valueOf(metadata.get("topic"));
                    if (!suite.reads().containsKey(target)
                            || !suite.reads().get(target).groups().contains(group)) {
                        problems.add(where + ": group " + group + " is not one of " + target + "'s");
                    }
                    if (partitions.containsKey(topic)) {
                        counts.add(partitions.get(topic));
                    } else {
                        problems.add(where + ": topic " + topic + " is no KafkaTopic");
                    }
                }
                Integer ceiling = scaled.get("spec", "maxReplicaCount");
                if (counts.size() != 1 || !counts.first().equals(ceiling)) {
                    problems.add(where + ": maxReplicaCount " + ceiling + ", its topics' partitions " + counts);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void eachDataOwnerUsesItsOwnDatabaseAsItsOwnMongoUser() {
        var problems = new ArrayList<String>();
        for (var set : suite.manifests().values()) {
            var users = set.generic("MongoDBCommunity").stream()
                    .flatMap(mongo -> ManifestPatches.asList(mongo.get("spec", "users")).stream())
                    .map(ManifestPatches::asMap)
                    .toList();
            for (var module : suite.repository().dataOwners()) {
                var database =
                        ComposeFileTest.Address.database(module.defaults().get("MONGO_URI"));
                var secret = set.deployment(module.name()).stream()
                        .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                        .flatMap(container -> ManifestSet.secretOf(container, "MONGO_URI").stream())
                        .findFirst()
                        .orElse("(not from a Secret)");
                var user = users.stream()
                        .filter(u -> Objects.equals(u.get("connectionStringSecretName"), secret))
                        .findFirst();
                var roles =
                        user.map(u -> ManifestPatches.asList(u.get("roles"))).orElse(List.of());
                var ownOnly = !roles.isEmpty()
                        && roles.stream()
                                .allMatch(role -> database.equals(
                                        ManifestPatches.asMap(role).get("db")));
                if (user.isEmpty() || !database.equals(user.get().get("db")) || !ownOnly) {
                    problems.add(set.name() + ": " + module.name() + "'s MONGO_URI (" + secret + ") is not a user of "
                            + database + " alone");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theBaseHoldsNoSecretAndEveryOverlayPatchChangesAResourceOfTheBase() {
        assertThat(suite.manifests().get("base").resources())
                .as("Secrets in the base")
                .noneMatch(resource -> resource.getKind().equals("Secret"));
        var problems = new ArrayList<String>();
        suite.kustomizations()
                .forEach((set, kustomization) -> kustomization
                        .patchedBaseResources()
                        .forEach((patch, hits) -> {
                            if (hits.isEmpty()) {
                                problems.add(set + ": " + patch + " changes nothing of the base");
                            }
                        }));
        assertThat(problems).isEmpty();
    }
}
