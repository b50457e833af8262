package dev.newsroom.system;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * What {@code kubectl kustomize <dir>} would print for the kustomizations in deploy/k8s, built here
 * because CI machines have no kubectl: the resources of the folder and of the bases it names, with
 * its patches, images and generated Secrets applied. Only the kustomize fields deploy/k8s uses are
 * understood; any other field fails the build, so a new one cannot be silently left out of the checks.
 *
 * @param folder the folder of the kustomization.yaml
 * @param resources every resource it produces, as YAML maps, patched
 * @param patchedBaseResources for each patch, the resources of its bases it changed (empty: none)
 */
record Kustomization(Path folder, List<Map<String, Object>> resources, Map<String, List<String>> patchedBaseResources) {

    /** The fields read below; namespace and generatorOptions change nothing the checks look at. */
    private static final Set<String> KNOWN_FIELDS = Set.of(
            "apiVersion", "kind", "namespace", "resources", "patches", "images", "secretGenerator", "generatorOptions");

    static Kustomization load(Path folder) {
        var file = folder.resolve("kustomization.yaml");
        Map<String, Object> spec = ManifestPatches.asMap(loadAll(file).get(0));
        var unknown = new ArrayList<>(spec.keySet());
        unknown.removeAll(KNOWN_FIELDS);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(file + ": fields this test does not apply: " + unknown);
        }
        var resources = new ArrayList<Map<String, Object>>();
        var bases = new ArrayList<Map<String, Object>>();
        for (var entry : ManifestPatches.asList(spec.get("resources"))) {
            var path = folder.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                var base = load(path);
                bases.addAll(base.resources());
                resources.addAll(base.resources());
            } else {
                resources.addAll(
                        loadAll(path).stream().map(ManifestPatches::asMap).toList());
            }
        }
        var patched = new LinkedHashMap<String, List<String>>();
        for (var entry : ManifestPatches.asList(spec.get("patches"))) {
            var patch = ManifestPatches.asMap(entry);
            var label = patch.containsKey("path")
                    ? String.valueOf(patch.get("path"))
                    : "inline patch " + patch.get("target");
            var text = patch.containsKey("path")
                    ? read(folder.resolve(String.valueOf(patch.get("path"))))
                    : String.valueOf(patch.get("patch"));
            patched.put(
                    label,
                    ManifestPatches.apply(text, ManifestPatches.asMap(patch.get("target")), resources).stream()
                            .filter(resource -> bases.stream().anyMatch(base -> base == resource))
                            .map(Kustomization::describe)
                            .toList());
        }
        setImages(ManifestPatches.asList(spec.get("images")), resources);
        for (var entry : ManifestPatches.asList(spec.get("secretGenerator"))) {
            resources.add(secret(ManifestPatches.asMap(entry)));
        }
        return new Kustomization(folder, List.copyOf(resources), patched);
    }

    /** The images: entries as given (name, newName, newTag). */
    static List<Map<String, Object>> images(Path folder) {
        Map<String, Object> spec = ManifestPatches.asMap(
                loadAll(folder.resolve("kustomization.yaml")).get(0));
        return ManifestPatches.asList(spec.get("images")).stream()
                .map(ManifestPatches::asMap)
                .toList();
    }

    static String describe(Map<String, Object> resource) {
        return resource.get("kind") + "/"
                + ManifestPatches.asMap(resource.get("metadata")).get("name");
    }

    private static void setImages(List<Object> images, List<Map<String, Object>> resources) {
        for (var entry : images) {
            var image = ManifestPatches.asMap(entry);
            for (var resource : resources) {
                for (var container : containers(resource)) {
                    var current = String.valueOf(container.get("image"));
                    var name = imageName(current);
                    if (!name.equals(image.get("name"))) {
                        continue;
                    }
                    var newName = Objects.toString(image.get("newName"), name);
                    var tag =
                            image.containsKey("newTag") ? ":" + image.get("newTag") : current.substring(name.length());
                    container.put("image", newName + tag);
                }
            }
        }
    }

    /** The image without its tag: newsroom/gateway for newsroom/gateway:latest. */
    static String imageName(String image) {
        var colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> resource) {
        var spec = ManifestPatches.asMap(ManifestPatches.asMap(
                        ManifestPatches.asMap(resource.get("spec")).get("template"))
                .get("spec"));
        return ManifestPatches.asList(spec.get("containers")).stream()
                .map(ManifestPatches::asMap)
                .toList();
    }

    /** A generated Secret with the keys of its literals; the values are not needed by the checks. */
    private static Map<String, Object> secret(Map<String, Object> generator) {
        var data = new LinkedHashMap<String, Object>();
        for (var literal : ManifestPatches.asList(generator.get("literals"))) {
            var text = String.valueOf(literal);
            data.put(text.substring(0, text.indexOf('=')), "");
        }
        var secret = new LinkedHashMap<String, Object>();
        secret.put("apiVersion", "v1");
        secret.put("kind", "Secret");
        secret.put("metadata", new LinkedHashMap<>(Map.of("name", generator.get("name"))));
        secret.put("stringData", data);
        return secret;
    }

    private static List<Object> loadAll(Path file) {
        var documents = new ArrayList<Object>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (var document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
