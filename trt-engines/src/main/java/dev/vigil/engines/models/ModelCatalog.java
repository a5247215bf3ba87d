package dev.vigil.engines.models;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every model the classpath knows about.
 *
 * <p>Each module that needs models ships a {@value #RESOURCE} listing them, so adding a module to
 * the classpath is all it takes to make its models resolvable by name.
 */
public final class ModelCatalog {

  public static final String RESOURCE = "META-INF/vigil/models.yaml";

  private final Map<String, ModelManifest> byName;

  private ModelCatalog(Map<String, ModelManifest> byName) {
    this.byName = Collections.unmodifiableMap(byName);
  }

  /** Collects every {@value #RESOURCE} visible to the context class loader (or this class's). */
  public static ModelCatalog load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader != null ? loader : ModelCatalog.class.getClassLoader());
  }

  public static ModelCatalog load(ClassLoader loader) {
    Map<String, ModelManifest> byName = new LinkedHashMap<>();
    Map<String, String> origin = new LinkedHashMap<>();
    Enumeration<URL> resources;
    try {
      resources = loader.getResources(RESOURCE);
    } catch (IOException e) {
      throw new ModelCatalogException("cannot list " + RESOURCE + " on the classpath ("
          + e.getMessage() + ")", e);
    }
    while (resources.hasMoreElements()) {
      URL url = resources.nextElement();
      List<ModelManifest> manifests;
      try (InputStream in = url.openStream()) {
        manifests = parse(url.toString(), in);
      } catch (IOException e) {
        throw new ModelCatalogException(url + ": cannot read (" + e.getMessage() + ")", e);
      }
      add(byName, origin, url.toString(), manifests);
    }
    return new ModelCatalog(byName);
  }

  /** A catalog of exactly these manifests; names must be unique. */
  public static ModelCatalog of(Collection<ModelManifest> manifests) {
    Map<String, ModelManifest> byName = new LinkedHashMap<>();
    add(byName, new LinkedHashMap<>(), "the given list", manifests);
    return new ModelCatalog(byName);
  }

  /**
   * Parses one {@code models.yaml}.
   *
   * @param resource names the YAML in error messages, e.g. its URL
   * @throws ModelCatalogException naming {@code resource} and the offending model and key
   */
  public static List<ModelManifest> parse(String resource, InputStream yaml) {
    return ManifestParser.parse(resource, yaml);
  }

  /**
   * The manifest called {@code name}.
   *
   * @throws ModelCatalogException if there is none; the message lists the known names
   */
  public ModelManifest get(String name) {
    ModelManifest m = byName.get(name);
    if (m == null) {
      throw new ModelCatalogException("no model named '" + name + "' (known: "
          + (byName.isEmpty()
              ? "none; no " + RESOURCE + " on the classpath"
              : String.join(", ", names()))
          + ")");
    }
    return m;
  }

  public Optional<ModelManifest> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Known model names, sorted. */
  public Set<String> names() {
    return Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
  }

  public Collection<ModelManifest> manifests() {
    return byName.values();
  }

  private static void add(
      Map<String, ModelManifest> byName,
      Map<String, String> origin,
      String resource,
      Collection<ModelManifest> manifests) {
    for (ModelManifest m : manifests) {
      String earlier = origin.get(m.name());
      if (byName.containsKey(m.name())) {
        throw new ModelCatalogException("model '" + m.name() + "' is defined twice: in "
            + (earlier != null ? earlier : resource) + " and in " + resource);
      }
      byName.put(m.name(), m);
      origin.put(m.name(), resource);
    }
  }
}
