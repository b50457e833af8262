package dev.newsroom.system;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources one kustomization produces, read into the fabric8 model (the operators' kinds as
 * {@link GenericKubernetesResource}s), with the look-ups the manifest checks share.
 *
 * @param name the kustomization's folder under deploy/k8s, e.g. {@code overlays/local}
 */
record ManifestSet(String name, List<HasMetadata> resources) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static ManifestSet of(String name, Kustomization kustomization) {
        return new ManifestSet(
                name,
                kustomization.resources().stream()
                        .map(resource -> SERIALIZATION.<HasMetadata>unmarshal(SERIALIZATION.asJson(resource)))
                        .toList());
    }

    List<Deployment> deployments() {
        return resources.stream()
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .toList();
    }

    Optional<Deployment> deployment(String name) {
        return deployments().stream()
                .filter(deployment -> deployment.getMetadata().getName().equals(name))
                .findFirst();
    }

    List<GenericKubernetesResource> generic(String kind) {
        return resources.stream()
                .filter(resource -> resource.getKind().equals(kind))
                .map(GenericKubernetesResource.class::cast)
                .toList();
    }

    Optional<HasMetadata> find(String kind, String name) {
        return resources.stream()
                .filter(resource -> resource.getKind().equals(kind)
                        && resource.getMetadata().getName().equals(name))
                .findFirst();
    }

    /** Topic name (spec.topicName, else the resource's name) to its partition count. */
    Map<String, Integer> partitions() {
        var partitions = new LinkedHashMap<String, Integer>();
        for (var topic : generic("KafkaTopic")) {
            String topicName = topic.get("spec", "topicName");
            Integer count = topic.get("spec", "partitions");
            partitions.put(topicName == null ? topic.getMetadata().getName() : topicName, count);
        }
        return partitions;
    }

    /** The Deployment an HPA or a ScaledObject scales, empty for any other resource. */
    static Optional<String> scaleTarget(HasMetadata resource) {
        if (resource instanceof HorizontalPodAutoscaler hpa) {
            return Optional.of(hpa.getSpec().getScaleTargetRef().getName());
        }
        if (resource instanceof GenericKubernetesResource generic && "ScaledObject".equals(generic.getKind())) {
            return Optional.ofNullable(generic.get("spec", "scaleTargetRef", "name"));
        }
        return Optional.empty();
    }

    /** A variable's literal value in a container's env, null when it is not set literally. */
    static String literal(Container container, String variable) {
        return container.getEnv().stream()
                .filter(entry -> entry.getName().equals(variable))
                .map(entry -> entry.getValue())
                .findFirst()
                .orElse(null);
    }

    /** The Secret a container's variable is read from, empty when it is not read from one. */
    static Optional<String> secretOf(Container container, String variable) {
        return container.getEnv().stream()
                .filter(entry -> entry.getName().equals(variable))
                .filter(entry ->
                        entry.getValueFrom() != null && entry.getValueFrom().getSecretKeyRef() != null)
                .map(entry -> entry.getValueFrom().getSecretKeyRef().getName())
                .findFirst();
    }
}
