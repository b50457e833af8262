package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsroom.system.ComposeFileTest.Repository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * deploy/k8s as the manifest tests read it: the base and both overlays built ({@link Kustomization})
 * and read into the Kubernetes model, beside the repository's modules and what each service reads.
 *
 * @param kustomizations by folder under deploy/k8s
 * @param manifests the same folders' resources in the model
 * @param reads by service module
 */
record DeployedSuite(
        Repository repository,
        Map<String, Kustomization> kustomizations,
        Map<String, ManifestSet> manifests,
        Map<String, ServiceReads> reads) {

    static DeployedSuite load() throws Exception {
        var repository = Repository.find();
        var root = repository.root().resolve("deploy/k8s");
        var kustomizations = new LinkedHashMap<String, Kustomization>();
        var manifests = new LinkedHashMap<String, ManifestSet>();
        for (var name : List.of("base", "overlays/local", "overlays/production")) {
            var kustomization = Kustomization.load(root.resolve(name));
            kustomizations.put(name, kustomization);
            manifests.put(name, ManifestSet.of(name, kustomization));
        }
        var reads = repository.serviceModules().stream()
                .map(module -> ServiceReads.of(repository.root(), module.name()))
                .collect(Collectors.toMap(ServiceReads::module, Function.identity()));
        // Guards against passing vacuously when the module discovery itself breaks.
        assertThat(reads).as("service modules").containsKey("gateway").hasSizeGreaterThan(1);
        return new DeployedSuite(repository, kustomizations, manifests, reads);
    }
}
